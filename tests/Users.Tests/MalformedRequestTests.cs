using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem+json — never a 500 — and nothing is half-written.</summary>
public sealed class MalformedRequestTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;

    Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, string token, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Api.Http.SendAsync(request);
    }

    async Task<HttpResponseMessage> SendExpectingContinueAsync(HttpMethod method, string path, string token, object body)
    {
        // A known length: the server can refuse on the header alone, before asking for the body.
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), System.Text.Json.JsonSerializerOptions.Web);
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.ExpectContinue = true;
        // The client sends the body anyway if no answer comes within Expect100ContinueTimeout (1 s by default), which a
        // busy 2-core machine can exceed; then the refusal races the upload. Wait for the answer instead.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = users.Host.BaseAddress,
        };
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("{\"type\": \"SHIPPING\", ")]                   // truncated JSON
    [InlineData("[]")]                                            // not an object
    [InlineData("{\"type\": 42}")]                                // wrong type
    [InlineData("{\"type\": \"SHIPPING\", \"isDefault\": \"yes\"}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Unreadable_address_bodies_are_400_problems(string body)
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await RawAsync(HttpMethod.Post, "/api/v1/profiles/me/addresses", user.Token, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await users.CountAddressesAsync(user.UserId));
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await RawAsync(HttpMethod.Put, "/api/v1/profiles/me", user.Token, "displayName=x", "application/x-www-form-urlencoded");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_5_MB_body_is_a_413_problem_and_writes_nothing()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var huge = Address().With("line1", new string('x', 5 * 1024 * 1024));

        // With Expect: 100-continue, as clients send large uploads: the answer comes before the body is sent (without
        // it the server answers the same and closes the connection, and the client sees a broken pipe mid-upload).
        using var address = await SendExpectingContinueAsync(HttpMethod.Post, "/api/v1/profiles/me/addresses", user.Token, huge);
        using var profile = await SendExpectingContinueAsync(HttpMethod.Put, "/api/v1/profiles/me", user.Token,
            new { displayName = new string('x', 5 * 1024 * 1024) });

        await ProblemAssert.IsProblemAsync(address, HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await users.CountAddressesAsync(user.UserId));
        Assert.Null((await Api.ProfileOkAsync(user.Token)).DisplayName);
    }

    [Fact]
    public async Task NUL_characters_in_a_body_are_a_validation_problem()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var address = await Api.CreateAddressAsync(user.Token, Address().With("city", "Ber\0lin"));
        using var profile = await Api.UpdateOwnProfileAsync(user.Token, new { displayName = "\0" });

        await ProblemAssert.IsValidationProblemAsync(address, "city");
        await ProblemAssert.IsValidationProblemAsync(profile, "displayName");
        Assert.Equal(0, await users.CountAddressesAsync(user.UserId));
    }

    [Fact]
    public async Task NUL_characters_in_the_query_are_a_validation_problem()
    {
        var admin = users.NewUser(Guid.CreateVersion7(), "admin");

        using var response = await Api.ListProfilesAsync(admin.Token, "?email=a%00b@example.test");

        await ProblemAssert.IsValidationProblemAsync(response, "email");
    }

    [Theory]
    [InlineData("/api/v1/profiles/not-a-guid")]
    [InlineData("/api/v1/profiles/me/addresses/123")]
    [InlineData("/api/v1/profiles/00000000-0000-0000-0000-00000000000g/addresses")]
    public async Task Ids_that_are_not_ids_are_404_problems(string path)
    {
        var admin = users.NewUser(Guid.CreateVersion7(), "admin");

        using var response = await Api.SendAsync(HttpMethod.Get, path, admin.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("?page=99999999999999999999")]
    [InlineData("?pageSize=abc")]
    public async Task Numbers_that_are_not_numbers_are_400_problems(string query)
    {
        var admin = users.NewUser(Guid.CreateVersion7(), "admin");

        using var response = await Api.ListProfilesAsync(admin.Token, query);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task No_token_is_a_401_problem()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/v1/profiles/me", token: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        users.Host.Clock!.Advance(TimeSpan.FromMinutes(30));

        using var response = await Api.GetOwnProfileAsync(user.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_signed_elsewhere_or_for_another_audience_or_issuer_are_refused()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var claims = Testing.Auth.TestIdentity.Claims(user.TenantId, user.UserId, ["customer"], users.Now);

        var foreign = users.Identity.SignWithForeignKey(claims);
        var otherAudience = users.Identity.Sign(Reclaim(claims, "aud", "another-api"));
        var otherIssuer = users.Identity.Sign(Reclaim(claims, "iss", "http://evil/"));

        foreach (var token in new[] { foreign, otherAudience, otherIssuer })
        {
            using var response = await Api.GetOwnProfileAsync(token);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_token_without_a_tenant_is_forbidden()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var claims = Testing.Auth.TestIdentity.Claims(user.TenantId, user.UserId, ["customer"], users.Now);
        claims.Remove("tid");

        using var response = await Api.GetOwnProfileAsync(users.Identity.Sign(claims));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    static System.Text.Json.Nodes.JsonObject Reclaim(System.Text.Json.Nodes.JsonObject claims, string name, string value)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(claims.ToJsonString())!.AsObject();
        copy[name] = value;
        return copy;
    }
}
