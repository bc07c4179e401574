using System.Net;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>
/// Building blocks the local sidecar does not serve answer as daprd does without them: no lock store, crypto
/// provider or conversation component loaded; jobs (daprd's Scheduler) and subtle crypto unimplemented.
/// </summary>
public sealed class UnsupportedHttpApiTests
{
    [Theory]
    [InlineData("POST", "/v1.0-alpha1/lock/lockstore", """{"resourceId":"r","lockOwner":"o","expiryInSeconds":10}""", 500, "ERR_LOCK_STORE_NOT_CONFIGURED", "lock store is not configured")]
    [InlineData("POST", "/v1.0-alpha1/lock/lockstore", """{"resourceId":"r","lockOwner":"o","expiryInSeconds":0}""", 400, "ERR_MALFORMED_REQUEST", "ExpiryInSeconds is not positive in lock store lockstore")]
    [InlineData("POST", "/v1.0-alpha1/unlock/lockstore", """{"resourceId":"r","lockOwner":"o"}""", 500, "ERR_LOCK_STORE_NOT_CONFIGURED", "lock store is not configured")]
    [InlineData("PUT", "/v1.0-alpha1/crypto/keys/encrypt", "plain", 500, "ERR_CRYPTO_PROVIDERS_NOT_CONFIGURED", "crypto providers not configured")]
    [InlineData("PUT", "/v1.0-alpha1/crypto/keys/decrypt", "cipher", 500, "ERR_CRYPTO_PROVIDERS_NOT_CONFIGURED", "crypto providers not configured")]
    [InlineData("POST", "/v1.0-alpha1/subtlecrypto/keys/sign", "{}", 501, "ERR_API_UNIMPLEMENTED", "this API is currently not implemented")]
    [InlineData("POST", "/v1.0/jobs/nightly", """{"schedule":"@daily"}""", 501, "ERR_API_UNIMPLEMENTED", "this API is currently not implemented")]
    [InlineData("GET", "/v1.0-alpha1/jobs/nightly", null, 501, "ERR_API_UNIMPLEMENTED", "this API is currently not implemented")]
    [InlineData("DELETE", "/v1.0/jobs/nightly", null, 501, "ERR_API_UNIMPLEMENTED", "this API is currently not implemented")]
    [InlineData("POST", "/v1.0-alpha2/conversation/llm/converse", "{}", 400, "ERR_CONVERSATION_NOT_FOUND", "failed finding conversation component llm")]
    public async Task An_unsupported_building_block_answers_as_daprd_without_it(string verb, string path, string? body, int status, string code, string message)
    {
        await using var s = await RawSidecar.StartAsync();

        var error = await ErrorAsync(await s.Http.SendAsync(verb, path, body));

        Assert.Equal(new DaprError((HttpStatusCode)status, code, message, null), error);
    }
}
