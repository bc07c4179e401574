using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Validation;

namespace DaprShop.Identity.UnitTests;

public sealed class RequestValidatorTests
{
    [Fact]
    public void Sign_up_needs_a_tenant_a_valid_email_and_a_long_enough_password()
    {
        var result = new SignUpRequestValidator().Validate(new SignUpRequest(Guid.Empty, "not-an-email", "short"));
        Assert.Equal(["Email", "Password", "TenantId"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }

    [Fact]
    public void A_well_formed_sign_up_is_valid() =>
        Assert.True(new SignUpRequestValidator().Validate(new SignUpRequest(Guid.CreateVersion7(), "a@b.test", "Passw0rd!")).IsValid);

    [Fact]
    public void Login_does_not_apply_the_new_password_policy_but_bounds_the_length()
    {
        var validator = new LoginRequestValidator();
        Assert.True(validator.Validate(new LoginRequest(Guid.CreateVersion7(), "a@b.test", "x")).IsValid);
        Assert.False(validator.Validate(new LoginRequest(Guid.CreateVersion7(), "a@b.test", new string('x', 129))).IsValid);
    }

    [Theory]
    [InlineData("platform-admin")]
    [InlineData("root")]
    public void A_tenant_admin_cannot_grant_roles_outside_customer_admin_support(string role) =>
        Assert.False(new ChangeRolesRequestValidator().Validate(new ChangeRolesRequest([role])).IsValid);

    [Fact]
    public void Roles_must_not_be_empty_or_repeat()
    {
        var validator = new ChangeRolesRequestValidator();
        Assert.False(validator.Validate(new ChangeRolesRequest([])).IsValid);
        Assert.False(validator.Validate(new ChangeRolesRequest(["admin", "admin"])).IsValid);
        Assert.True(validator.Validate(new ChangeRolesRequest(["admin", "support"])).IsValid);
        Assert.False(validator.Validate(new ChangeRolesRequest(null!)).IsValid);   // {"roles": null}: refused, not a NullReferenceException
    }

    [Fact]
    public void A_new_password_must_differ_from_the_current_one() =>
        Assert.False(new ChangePasswordRequestValidator().Validate(new ChangePasswordRequest("Same-Passw0rd", "Same-Passw0rd")).IsValid);

    [Fact]
    public void A_tenant_with_an_admin_validates_the_admin_credentials()
    {
        var result = new CreateTenantRequestValidator().Validate(new CreateTenantRequest("acme", null, new TenantAdminRequest("bad", "x")));
        Assert.Contains(result.Errors, e => e.PropertyName == "Admin.Email");
        Assert.Contains(result.Errors, e => e.PropertyName == "Admin.Password");
    }
}
