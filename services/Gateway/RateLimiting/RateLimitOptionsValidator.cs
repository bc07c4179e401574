using Microsoft.Extensions.Options;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>Refuses rate-limit settings that are not valid, naming every problem (at start-up and on reload).</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"{RateLimitOptions.Section}:{e}"));
    }
}
