using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>The gateway as a client calls it, over the wire.</summary>
public sealed class GatewayClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, Action<HttpRequestHeaders>? headers = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, path, token, null, headers, ct);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null,
        Action<HttpRequestHeaders>? headers = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        headers?.Invoke(request.Headers);
        return http.SendAsync(request, ct);
    }

    /// <summary>The echo of the service the request reached; fails with the answer when it was not a 200.</summary>
    public static async Task<Echo> EchoOfAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                Assert.Fail($"expected 200 from {response.RequestMessage?.RequestUri?.PathAndQuery}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<Echo>())!;
        }
    }
}
