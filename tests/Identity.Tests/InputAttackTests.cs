using System.Net;
using System.Text;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Client input that once reached a 500 (issue #7, defects 3 and 11): NUL characters, nulls, numbers past any
/// page, forms past the reader's limits, the wrong method or content type. Each is a 4xx problem+json with its own
/// type, naming the path the client called, and writes nothing.
/// </summary>
public sealed class InputAttackTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const string Nul = "\u0000";
    IdentityApi Api => identity.Api;

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    public async Task A_nul_in_a_json_login_is_a_validation_problem(string field)
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var email = field == "email" ? "a" + Nul + "@example.test" : Emails.Unique();
        var password = field == "password" ? "Correct" + Nul + "horse-9!" : Password;

        using var response = await Api.LoginAsync(tenant.Id, email, password);

        var problem = await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal("/api/v1/auth/login", problem.Body.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    [InlineData("tenant_id")]
    public async Task A_nul_in_a_token_request_form_is_a_client_error(string field)
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var form = IdentityApi.PasswordGrant(tenant.Id, Emails.Unique(), Password);
        form[field] += Nul;

        using var response = await Api.FormAsync("/connect/token", form);

        // ASP.NET Core's form reader refuses the NUL itself (InvalidDataException), before any field is bound.
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "https://daprshop.dev/problems/bad-request");
        Assert.Equal("/connect/token", problem.Body.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    public async Task A_nul_at_sign_up_is_a_validation_problem_and_creates_no_user(string field)
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var email = Emails.Unique();

        using var response = await Api.SignUpAsync(tenant.Id, field == "email" ? email + Nul : email, field == "password" ? Password + Nul : Password);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(0, await identity.CountUsersAsync(email));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    public async Task A_nul_in_a_created_user_is_a_validation_problem(string field)
    {
        var tenant = await Api.CreateTenantAsync(ATenant());
        var email = Emails.Unique();

        using var response = await Api.CreateUserAsync(await Api.AdminTokenAsync(tenant),
            field == "email" ? email + Nul : email, field == "password" ? Password + Nul : Password, "customer");

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(0, await identity.CountUsersAsync(email));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("admin.password")]
    public async Task A_nul_in_a_new_tenant_is_a_validation_problem_and_creates_no_tenant(string field)
    {
        var token = await Api.PlatformAdminTokenAsync();
        var before = await identity.CountTenantsAsync();
        var body = new
        {
            name = field == "name" ? "tenant" + Nul + Guid.NewGuid().ToString("N")[..8] : "tenant-" + Guid.NewGuid().ToString("N")[..8],
            admin = new { email = Emails.Unique(), password = field == "admin.password" ? Password + Nul : Password },
        };

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/tenants", token, body);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await identity.CountTenantsAsync());
    }

    [Fact]
    public async Task Null_roles_are_a_validation_problem()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);

        using var response = await Api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{user.Id}/roles")
        {
            Headers = { Authorization = new("Bearer", await Api.AdminTokenAsync(tenant)) },
            Content = new StringContent("{\"roles\": null}", Encoding.UTF8, "application/json"),
        });

        await ProblemAssert.IsValidationProblemAsync(response, "roles");
    }

    [Theory]
    [InlineData("/api/v1/users?page=21474838&pageSize=100", "page")]
    [InlineData("/api/v1/users?page=1&pageSize=2147483647", "pageSize")]
    [InlineData("/api/v1/tenants?page=21474838&pageSize=100", "page")]
    public async Task A_page_past_any_list_is_a_validation_problem(string path, string field)
    {
        var token = path.Contains("tenants", StringComparison.Ordinal)
            ? await Api.PlatformAdminTokenAsync()
            : await Api.AdminTokenAsync(await Api.CreateTenantAsync(ATenant()));

        using var response = await Api.SendAsync(HttpMethod.Get, path, token);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/revoke")]
    [InlineData("/connect/introspect")]
    public async Task A_form_with_two_thousand_keys_is_a_client_error(string path)
    {
        var form = Enumerable.Range(0, 2000).Select(i => KeyValuePair.Create("k" + i, "v"));

        using var response = await Api.FormAsync(path, form);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/revoke")]
    [InlineData("/connect/introspect")]
    public async Task A_form_with_a_five_megabyte_value_is_a_client_error(string path)
    {
        var form = new[] { KeyValuePair.Create("client_id", "daprshop-web"), KeyValuePair.Create("token", new string('a', 5 * 1024 * 1024)) };

        using var response = await Api.FormAsync(path, form);

        Assert.InRange((int)response.StatusCode, 400, 499);
        await ProblemAssert.IsProblemAsync(response, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_with_its_own_type()
    {
        using var response = await Api.Http.PostAsync("/api/v1/auth/signup", new StringContent("tenantId=x", Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "https://daprshop.dev/problems/unsupported-media-type");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_with_its_own_type()
    {
        using var response = await Api.Http.DeleteAsync("/api/v1/auth/signup");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "https://daprshop.dev/problems/method-not-allowed");
    }

    [Fact]
    public async Task Problems_of_the_json_auth_routes_name_the_path_the_client_called()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithLockout(3, 5));
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);

        using var wrong = await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!");
        using var badRefresh = await Api.RefreshAsync("not-a-refresh-token");
        for (var i = 0; i < 2; i++) using (await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!")) { }
        using var locked = await Api.LoginAsync(tenant.Id, user.Email, Password);

        Assert.Equal("/api/v1/auth/login", (await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized)).Body.GetProperty("instance").GetString());
        Assert.Equal("/api/v1/auth/refresh", (await ProblemAssert.IsProblemAsync(badRefresh, HttpStatusCode.Unauthorized)).Body.GetProperty("instance").GetString());
        Assert.Equal("/api/v1/auth/login", (await ProblemAssert.IsProblemAsync(locked, HttpStatusCode.Locked)).Body.GetProperty("instance").GetString());
    }
}
