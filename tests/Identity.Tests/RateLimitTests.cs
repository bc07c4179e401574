using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>Identity with tight sign-in limits, as configured per deployment.</summary>
public sealed class ThrottledIdentity : IAsyncLifetime
{
    public const int PerAccount = 3;
    public const int PerIp = 8;

    public IdentityService Identity { get; } = new()
    {
        Settings = new()
        {
            ["Identity:RateLimits:PerAccount"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:RateLimits:PerIp"] = PerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:RateLimits:Window"] = "00:01:00",
        },
    };

    public ValueTask InitializeAsync() => Identity.InitializeAsync();

    public ValueTask DisposeAsync() => Identity.DisposeAsync();
}

/// <summary>
/// Identity limits sign-in, sign-up and token requests itself (issue #7, defect 7), per client address and per
/// account, so an identity reached on its own port is not an open oracle. Each test starts in a fresh window.
/// </summary>
public sealed class RateLimitTests(ThrottledIdentity fixture) : IClassFixture<ThrottledIdentity>
{
    const string Password = "Correct-horse-9!";
    IdentityService Identity => fixture.Identity;
    IdentityApi Api => Identity.Api;

    /// <summary>A tenant with a customer, made in a fresh window that the set-up's own requests are then cleared from.</summary>
    async Task<(TestTenant Tenant, UserView User)> ACustomerInAFreshWindowAsync()
    {
        Identity.Host.Clock!.Advance(TimeSpan.FromMinutes(2));
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        Identity.Host.Clock!.Advance(TimeSpan.FromMinutes(2));
        return (tenant, user);
    }

    static async Task AssertThrottledAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, "https://daprshop.dev/problems/too-many-requests");
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_burst_of_logins_to_one_account_is_throttled_per_account()
    {
        var (tenant, user) = await ACustomerInAFreshWindowAsync();

        var answers = await Concurrently.RunAsync(10, () => Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!"));

        Assert.Equal(ThrottledIdentity.PerAccount, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        foreach (var throttled in answers.Where(a => a.StatusCode != HttpStatusCode.Unauthorized)) await AssertThrottledAsync(throttled);
    }

    [Fact]
    public async Task The_account_limit_counts_the_oauth_endpoint_and_the_json_route_together_and_ends_with_its_window()
    {
        var (tenant, user) = await ACustomerInAFreshWindowAsync();
        for (var i = 0; i < ThrottledIdentity.PerAccount; i++)
            using (await Api.PasswordGrantAsync(tenant.Id, user.Email.ToUpperInvariant(), "Wrong-horse-9!")) { }

        using (var throttled = await Api.LoginAsync(tenant.Id, user.Email, Password)) await AssertThrottledAsync(throttled);

        Identity.Host.Clock!.Advance(TimeSpan.FromSeconds(61));
        await Api.LoginOkAsync(tenant.Id, user.Email, Password);
    }

    [Fact]
    public async Task A_burst_of_logins_to_many_accounts_from_one_address_is_throttled_per_address()
    {
        var (tenant, _) = await ACustomerInAFreshWindowAsync();

        var answers = await Concurrently.RunAsync(20, () => Api.LoginAsync(tenant.Id, Emails.Unique(), "Wrong-horse-9!"));

        Assert.Equal(ThrottledIdentity.PerIp, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        foreach (var throttled in answers.Where(a => a.StatusCode != HttpStatusCode.Unauthorized)) await AssertThrottledAsync(throttled);
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_only_from_the_sidecar()
    {
        var (tenant, _) = await ACustomerInAFreshWindowAsync();
        var sidecarToken = Identity.Host.Sidecar.AppEnvironment["APP_API_TOKEN"];
        Task<HttpResponseMessage> LoginFromAsync(int client, string? token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { tenantId = tenant.Id, email = Emails.Unique(), password = "Wrong-horse-9!" }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{client}");
            if (token is not null) request.Headers.Add("dapr-api-token", token);
            return Api.Http.SendAsync(request);
        }

        // Through the sidecar (as from the gateway), each client has its own address budget...
        var viaSidecar = await Concurrently.RunAsync(ThrottledIdentity.PerIp * 2, i => LoginFromAsync(i, sidecarToken));
        // ...while a caller on identity's port cannot spread its attempts by making addresses up.
        var forged = await Concurrently.RunAsync(ThrottledIdentity.PerIp * 2, i => LoginFromAsync(i, null));

        Assert.All(viaSidecar, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(ThrottledIdentity.PerIp, forged.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_burst_of_sign_ups_is_throttled()
    {
        var (tenant, _) = await ACustomerInAFreshWindowAsync();

        var answers = await Concurrently.RunAsync(20, () => Api.SignUpAsync(tenant.Id, Emails.Unique(), Password));

        Assert.Equal(ThrottledIdentity.PerIp, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var throttled in answers.Where(a => a.StatusCode != HttpStatusCode.Created)) await AssertThrottledAsync(throttled);
    }

    [Fact]
    public async Task A_burst_of_refreshes_is_throttled()
    {
        var (tenant, user) = await ACustomerInAFreshWindowAsync();
        var session = await Api.LoginOkAsync(tenant.Id, user.Email, Password);
        Identity.Host.Clock!.Advance(TimeSpan.FromMinutes(2));

        var answers = await Concurrently.RunAsync(20, () => Api.RefreshAsync(session.RefreshToken!));

        Assert.True(answers.Count(a => a.StatusCode != HttpStatusCode.TooManyRequests) <= ThrottledIdentity.PerIp);
        foreach (var throttled in answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests)) await AssertThrottledAsync(throttled);
    }
}
