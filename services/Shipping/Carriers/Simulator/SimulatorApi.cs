using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Shipping.Carriers.Simulator;

/// <summary>
/// The simulator's HTTP face: the carrier API that <see cref="CarrierApi.CarrierApiClient"/> speaks, served by shipping itself
/// while the simulator is the carrier (<c>CarrierSimulator:Serve</c>), so that every carrier call leaves the process
/// and comes back through the sidecar's <c>carrier</c> HTTP endpoint and its resiliency policy, as a real carrier's
/// would. Not part of shipping's own API (no tenant, no token: it is the carrier's door, not ours).
/// </summary>
internal static class SimulatorApi
{
    public const string BasePath = "/carrier-simulator/v1";

    public static IEndpointRouteBuilder MapCarrierSimulator(this IEndpointRouteBuilder app)
    {
        var carrier = app.MapGroup(BasePath).ExcludeFromDescription().AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (CarrierUnavailableException e)
                {
                    // What a carrier's outage looks like from outside: a 503, retried by the caller's policy.
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Carrier unavailable", detail: e.Message);
                }
            });
        carrier.MapGet("/rates", QuoteAsync);
        carrier.MapPost("/labels", PurchaseAsync);
        carrier.MapPost("/labels/{labelId}/void", VoidAsync);
        carrier.MapGet("/tracking/{trackingNumber}", TrackAsync);
        return app;
    }

    static async Task<Ok<IReadOnlyList<RateQuote>>> QuoteAsync(int? items, CarrierSimulator simulator, CancellationToken ct) =>
        TypedResults.Ok(await simulator.QuoteAsync(Math.Clamp(items ?? 1, 1, 10_000), ct));

    static async Task<Results<Created<Label>, ProblemHttpResult>> PurchaseAsync(
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, LabelRequest request, CarrierSimulator simulator, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || request.Items < 1 || string.IsNullOrWhiteSpace(request.ServiceLevel))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.Validation, title: "Idempotency-Key, serviceLevel and items are required");
        try
        {
            var label = await simulator.PurchaseLabelAsync(request with { Metadata = request.Metadata ?? new Dictionary<string, string>() }, idempotencyKey, ct);
            return TypedResults.Created($"{BasePath}/labels/{label.LabelId}", label);
        }
        catch (CarrierIdempotencyConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "Idempotency key reused", detail: e.Message);
        }
    }

    static async Task<Results<Ok<VoidAnswer>, ProblemHttpResult>> VoidAsync(string labelId, CarrierSimulator simulator, CancellationToken ct) =>
        await simulator.VoidLabelAsync(labelId, ct)
            ? TypedResults.Ok(new VoidAnswer(true))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "The parcel has been picked up");

    static async Task<Results<Ok<TrackingState>, NotFound>> TrackAsync(string trackingNumber, CarrierSimulator simulator, CancellationToken ct) =>
        await simulator.TrackAsync(trackingNumber, ct) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();
}

/// <summary>The carrier's answer to a void: the label no longer ships.</summary>
internal sealed record VoidAnswer(bool Voided);
