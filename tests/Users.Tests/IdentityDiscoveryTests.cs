using DaprShop.Users.Tests.Support;

namespace DaprShop.Users.Tests;

public sealed class UsersBesideOpenIddictDiscovery : IAsyncLifetime
{
    public UsersService Users { get; } = new() { JwksUriFromRequestHost = true };

    public ValueTask InitializeAsync() => Users.InitializeAsync();

    public ValueTask DisposeAsync() => Users.DisposeAsync();
}

/// <summary>
/// Real identity (OpenIddict) builds <c>jwks_uri</c> from the host a request arrived at; fetched through Dapr
/// invocation that is <c>http://127.0.0.1:{port}/.well-known/jwks</c>. The kit must still fetch the keys from identity's
/// app (found running identity and users together with dapr.yaml, fixed in the kit's IssuerAppDocumentRetriever).
/// </summary>
public sealed class IdentityDiscoveryTests(UsersBesideOpenIddictDiscovery fixture) : IClassFixture<UsersBesideOpenIddictDiscovery>
{
    [Fact]
    public async Task Tokens_validate_when_identity_advertises_its_JWKS_on_the_request_host()
    {
        var users = fixture.Users;
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        await UsersApi.OkAsync<ProfileView>(await users.Api.GetOwnProfileAsync(user.Token));
    }
}
