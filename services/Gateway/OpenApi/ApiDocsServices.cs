using Microsoft.Extensions.Options;
using DaprShop.Gateway.Routing;

namespace DaprShop.Gateway.OpenApi;

/// <summary>What the API docs endpoint needs.</summary>
internal sealed record ApiDocsServices(
    HttpContext Http,
    IHttpClientFactory Clients,
    IOptions<GatewayOptions> Options,
    ILogger<ApiDocsServices> Logger,
    CancellationToken CancellationToken);
