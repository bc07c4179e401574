using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Validation;

public static class ValidationExtensions
{
    /// <summary>
    /// Validates the endpoint's <typeparamref name="TRequest"/> argument with its FluentValidation validator
    /// before the handler runs: a 400 validation problem with errors by camelCase field path, and nothing written.
    /// </summary>
    public static RouteHandlerBuilder WithValidation<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var request = ctx.Arguments.OfType<TRequest>().FirstOrDefault();
            if (request is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A request body is required.");
            var validator = ctx.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
            var result = await validator.ValidateAsync(request, ctx.HttpContext.RequestAborted);
            return result.IsValid ? await next(ctx) : result.ToValidationProblem();
        }).ProducesValidationProblem();

    /// <summary>A failed validation as a 400 problem with errors by camelCase field path (<c>settings.lockoutThreshold</c>).</summary>
    public static ValidationProblem ToValidationProblem(this ValidationResult result) =>
        TypedResults.ValidationProblem(result.Errors
            .GroupBy(e => CamelCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
