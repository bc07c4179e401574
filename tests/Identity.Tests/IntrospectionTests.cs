using System.Net;
using System.Text.Json;
using DaprShop.Identity.Tests.Support;
using OpenIddict.Abstractions;
using static DaprShop.Identity.Tests.Support.TenantBuilder;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Introspection answers only confidential clients (issue #7, defect 10): the services, registered with a secret
/// under the audience they serve. The public web client, and anyone holding a token, learn nothing from it.
/// </summary>
public sealed class IntrospectionTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const string ServiceClient = "daprshop";   // the audience of DaprShop's access tokens
    const string ServiceSecret = "a-service-secret-for-tests";
    IdentityApi Api => identity.Api;

    async Task<string> AnAccessTokenAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        return (await Api.LoginOkAsync(tenant.Id, user.Email, Password)).AccessToken;
    }

    /// <summary>An operator registers a service's confidential client (as one would with OpenIddict's manager).</summary>
    async Task RegisterServiceClientAsync() => await identity.Host.InScopeAsync(async sp =>
    {
        var applications = sp.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ServiceClient) is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ServiceClient,
                ClientSecret = ServiceSecret,
                ClientType = ClientTypes.Confidential,
                Permissions = { Permissions.Endpoints.Introspection },
            });
        }
        return true;
    });

    static Dictionary<string, string> Introspect(string token, string? clientId, string? secret = null)
    {
        var form = new Dictionary<string, string> { ["token"] = token };
        if (clientId is not null) form["client_id"] = clientId;
        if (secret is not null) form["client_secret"] = secret;
        return form;
    }

    [Theory]
    [InlineData("daprshop-web", null)]
    [InlineData(null, null)]
    [InlineData(ServiceClient, "a-wrong-secret")]
    public async Task Introspection_tells_nothing_to_a_public_or_unauthenticated_client(string? clientId, string? secret)
    {
        await RegisterServiceClientAsync();
        var token = await AnAccessTokenAsync();

        using var response = await Api.FormAsync("/connect/introspect", Introspect(token, clientId, secret));

        var body = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 401);
        Assert.DoesNotContain("\"sub\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"active\":true", body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_its_secret_introspects_an_access_token()
    {
        await RegisterServiceClientAsync();
        var token = await AnAccessTokenAsync();

        using var response = await Api.FormAsync("/connect/introspect", Introspect(token, ServiceClient, ServiceSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(Jwt.Payload(token)["sub"]!.ToString(), doc.RootElement.GetProperty("sub").GetString());
    }
}
