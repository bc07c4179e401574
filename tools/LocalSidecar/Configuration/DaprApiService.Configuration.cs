using Dapr.Client.Autogen.Grpc.v1;
using DaprShop.LocalSidecar.Configuration;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindConfiguration(ServiceBinderBase b)
    {
        // The stable names and their Alpha1 predecessors take the same messages; older SDKs call the latter.
        foreach (var suffix in new[] { "", "Alpha1" })
        {
            Unary(b, "GetConfiguration" + suffix, GetConfigurationRequest.Parser, GetConfigurationResponse.Parser);
            ServerStreaming(b, "SubscribeConfiguration" + suffix, SubscribeConfigurationRequest.Parser, SubscribeConfigurationResponse.Parser);
            Unary(b, "UnsubscribeConfiguration" + suffix, UnsubscribeConfigurationRequest.Parser, UnsubscribeConfigurationResponse.Parser);
        }
    }

    public virtual Task<GetConfigurationResponse> GetConfiguration(GetConfigurationRequest r, ServerCallContext c)
    {
        var store = OpenConfiguration("get", r.StoreName);
        var res = new GetConfigurationResponse();
        foreach (var (k, v) in store.Get(r.Keys)) res.Items[k] = ToProto(v);
        Cluster.Calls.Record(AppId, "configuration", "get", $"{r.StoreName}/{string.Join(',', r.Keys)}");
        return Task.FromResult(res);
    }

    public virtual Task<GetConfigurationResponse> GetConfigurationAlpha1(GetConfigurationRequest r, ServerCallContext c) => GetConfiguration(r, c);

    public virtual async Task SubscribeConfiguration(SubscribeConfigurationRequest r, IServerStreamWriter<SubscribeConfigurationResponse> stream, ServerCallContext c)
    {
        var store = OpenConfiguration("subscribe", r.StoreName);
        var (id, updates) = store.Subscribe([.. r.Keys]);
        Cluster.Calls.Record(AppId, "configuration", "subscribe", $"{r.StoreName}/{string.Join(',', r.Keys)}");
        try
        {
            // daprd's first message carries only the subscription id, which the SDK needs to unsubscribe.
            await stream.WriteAsync(new SubscribeConfigurationResponse { Id = id });
            await foreach (var changed in updates.ReadAllAsync(c.CancellationToken))
            {
                var msg = new SubscribeConfigurationResponse { Id = id };
                foreach (var (k, v) in changed) msg.Items[k] = ToProto(v);
                await stream.WriteAsync(msg);
            }
        }
        catch (OperationCanceledException) when (c.CancellationToken.IsCancellationRequested)
        {
            // the client closed the stream
        }
        finally
        {
            store.Unsubscribe(id);
        }
    }

    public virtual Task SubscribeConfigurationAlpha1(SubscribeConfigurationRequest r, IServerStreamWriter<SubscribeConfigurationResponse> stream, ServerCallContext c) =>
        SubscribeConfiguration(r, stream, c);

    public virtual Task<UnsubscribeConfigurationResponse> UnsubscribeConfiguration(UnsubscribeConfigurationRequest r, ServerCallContext c)
    {
        var store = OpenConfiguration("unsubscribe", r.StoreName);
        var ok = store.Unsubscribe(r.Id);
        Cluster.Calls.Record(AppId, "configuration", "unsubscribe", $"{r.StoreName}/{r.Id}", ok ? "ok" : "not found");
        return Task.FromResult(new UnsubscribeConfigurationResponse
        {
            Ok = ok,
            Message = ok ? "" : $"error subscription of id '{r.Id}' does not exist",
        });
    }

    public virtual Task<UnsubscribeConfigurationResponse> UnsubscribeConfigurationAlpha1(UnsubscribeConfigurationRequest r, ServerCallContext c) =>
        UnsubscribeConfiguration(r, c);

    ConfigurationStoreEngine OpenConfiguration(string op, string storeName) =>
        Cluster.ConfigurationStores.Open(Sidecar, storeName)
        ?? throw Fail("configuration", op, storeName, StatusCode.InvalidArgument, $"configuration store {storeName} not found");

    static ConfigurationItem ToProto(ConfigItem item)
    {
        var p = new ConfigurationItem { Value = item.Value, Version = item.Version };
        foreach (var (k, v) in item.Metadata) p.Metadata[k] = v;
        return p;
    }
}
