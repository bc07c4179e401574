using System.Text.Json;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;
using DaprShop.Cart.Actors;

namespace DaprShop.Cart.Apis;

/// <summary>Calls a cart actor through the sidecar; a sidecar or actor failure is a 503 outcome, never a 500.</summary>
internal sealed class CartActors(IActorProxyFactory proxies, ILogger<CartActors> log)
{
    public async Task<CartOutcome> CallAsync(string actorId, string method, CartCommand command, CancellationToken ct)
    {
        try
        {
            var proxy = proxies.Create(new ActorId(actorId), CartActor.TypeName);
            return await proxy.InvokeMethodAsync<CartCommand, CartOutcome>(method, command, ct);
        }
        catch (Exception e) when (e is DaprException or HttpRequestException or JsonException or ActorMethodInvocationException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            log.LogWarning(e, "Cart actor {Actor} failed {Method}", actorId, method);
            return CartProblems.Unavailable("its store");
        }
    }
}
