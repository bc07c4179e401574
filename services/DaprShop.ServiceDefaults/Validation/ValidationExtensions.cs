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
    /// Refuses a query string or route value holding a NUL character, before any endpoint sees it (request bodies are
    /// checked by <see cref="WithValidation{TRequest}"/>, form bodies by the endpoints that read them).
    /// </summary>
    internal static void UseNulGuard(this WebApplication app) =>
        app.Use(async (ctx, next) =>
        {
            var fields = ctx.Request.Query.Where(q => NulCharacters.In(q.Key) || q.Value.Any(NulCharacters.In)).Select(q => q.Key)
                .Concat(NulCharacters.In(ctx.Request.Path.Value) ? ["path"] : [])
                .ToList();
            if (fields.Count > 0)
            {
                await NulProblem(fields.Select(f => NulCharacters.In(f) ? "query" : f)).ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        });

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
            if (NulCharacters.FindIn(request) is { Count: > 0 } withNul)
                return NulProblem(withNul);
            var validator = ctx.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
            var result = await validator.ValidateAsync(request, ctx.HttpContext.RequestAborted);
            return result.IsValid ? await next(ctx) : result.ToValidationProblem();
        }).ProducesValidationProblem();

    /// <summary>A validation problem naming each field that holds a NUL character.</summary>
    public static ValidationProblem NulProblem(IEnumerable<string> fields) =>
        TypedResults.ValidationProblem(fields.Distinct().ToDictionary(f => f, _ => NulMessage));

    static readonly string[] NulMessage = ["Must not contain NUL characters."];

    /// <summary>A failed validation as a 400 problem with errors by camelCase field path (<c>settings.lockoutThreshold</c>).</summary>
    public static ValidationProblem ToValidationProblem(this ValidationResult result) =>
        TypedResults.ValidationProblem(result.Errors
            .GroupBy(e => CamelCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
