using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

public sealed class SignUpTests(IdentityService identity) : IClassFixture<IdentityService>
{
    IdentityApi Api => identity.Api;

    [Fact]
    public async Task Sign_up_creates_a_customer_where_the_tenant_allows_it()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var email = Emails.Unique();

        var user = await Api.SignUpOkAsync(tenant.Id, email, "Correct-horse-9!");

        Assert.Equal(tenant.Id, user.TenantId);
        Assert.Equal(email, user.Email);
        Assert.Equal(["customer"], user.Roles);
        await Api.LoginOkAsync(tenant.Id, email, "Correct-horse-9!");
    }

    [Fact]
    public async Task Sign_up_is_refused_where_the_tenant_does_not_allow_it_and_nothing_is_written()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp(false));
        var email = Emails.Unique();

        var response = await Api.SignUpAsync(tenant.Id, email, "Correct-horse-9!");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "https://daprshop.dev/problems/sign-up-disabled");
        Assert.Equal(0, await identity.CountUsersAsync(email));
    }

    [Fact]
    public async Task Turning_sign_up_on_for_a_tenant_lets_customers_sign_up()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp(false));
        var admin = await Api.AdminTokenAsync(tenant);

        using var changed = await Api.UpdateTenantSettingsAsync(admin, tenant.Id, new { selfSignUpEnabled = true });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), "Correct-horse-9!");
    }

    [Fact]
    public async Task Sign_up_to_an_unknown_tenant_answers_like_a_closed_one()
    {
        var response = await Api.SignUpAsync(Guid.NewGuid(), Emails.Unique(), "Correct-horse-9!");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "https://daprshop.dev/problems/sign-up-disabled");
    }

    [Fact]
    public async Task A_second_sign_up_with_the_same_email_in_one_tenant_conflicts()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var email = Emails.Unique();
        await Api.SignUpOkAsync(tenant.Id, email, "Correct-horse-9!");

        var again = await Api.SignUpAsync(tenant.Id, email.ToUpperInvariant(), "Other-horse-9!");

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/email-taken");
        Assert.Equal(1, await identity.CountUsersAsync(email));
    }
}
