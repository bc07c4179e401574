using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Validation;

namespace DaprShop.Users.UnitTests;

public sealed class RequestValidatorTests
{
    static readonly AddressRequestValidator Addresses = new();
    static readonly UpdateProfileRequestValidator Profiles = new();

    static AddressRequest Valid(string country = "US", string postalCode = "94105") =>
        new("SHIPPING", "Jane Doe", null, "1 Market St", null, "San Francisco", "CA", postalCode, country, "+14155552671", null);

    static string[] FailedFields(FluentValidation.Results.ValidationResult r) => [.. r.Errors.Select(e => e.PropertyName).Distinct()];

    [Fact]
    public void A_complete_address_is_valid() => Assert.True(Addresses.Validate(Valid()).IsValid);

    [Fact]
    public void Missing_required_fields_are_each_reported()
    {
        var result = Addresses.Validate(new AddressRequest(null, null, null, null, null, null, null, null, null, null, null));

        Assert.Equal(
            new[] { "City", "Country", "Line1", "PostalCode", "RecipientName", "Type" },
            FailedFields(result).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void White_space_is_not_a_value()
    {
        var result = Addresses.Validate(Valid() with { RecipientName = "   ", Line1 = "\t", City = " " });

        Assert.Equal(new[] { "City", "Line1", "RecipientName" }, FailedFields(result).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("shipping")]
    [InlineData("BILLING")]
    public void Types_are_billing_or_shipping_in_any_case(string type) =>
        Assert.True(Addresses.Validate(Valid() with { Type = type }).IsValid);

    [Theory]
    [InlineData("HOME")]
    [InlineData("")]
    [InlineData("SHIPPING,BILLING")]
    public void Other_types_are_refused(string type) =>
        Assert.Equal(["Type"], FailedFields(Addresses.Validate(Valid() with { Type = type })));

    [Fact]
    public void An_unassigned_country_is_refused_without_a_postal_code_complaint() =>
        Assert.Equal(["Country"], FailedFields(Addresses.Validate(Valid(country: "UK", postalCode: "SW1A 1AA"))));

    [Theory]
    [InlineData("DE", "1011")]
    [InlineData("CA", "94105")]
    [InlineData("JP", "SW1A 1AA")]
    public void A_postal_code_is_checked_against_the_country(string country, string code)
    {
        var result = Addresses.Validate(Valid(country, code));

        Assert.Equal(["PostalCode"], FailedFields(result));
        Assert.Contains(country, result.Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_long_fields_are_refused_by_name()
    {
        var result = Addresses.Validate(Valid() with { Line1 = new string('x', 201), City = new string('y', 101), PostalCode = new string('1', 21) });

        Assert.Equal(new[] { "City", "Line1", "PostalCode" }, FailedFields(result).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Control_characters_in_an_address_line_are_refused() =>
        Assert.Equal(["Line2"], FailedFields(Addresses.Validate(Valid() with { Line2 = "Apt 1\r\nX-Injected: yes" })));

    [Fact]
    public void A_phone_on_an_address_must_be_E164() =>
        Assert.Equal(["Phone"], FailedFields(Addresses.Validate(Valid() with { Phone = "(415) 555-2671" })));

    [Fact]
    public void An_empty_profile_update_is_valid() =>
        Assert.True(Profiles.Validate(new UpdateProfileRequest(null, null, null, null, null, null)).IsValid);

    [Fact]
    public void A_full_profile_update_is_valid() =>
        Assert.True(Profiles.Validate(new UpdateProfileRequest("Jane", "Jane", "Doe", "+14155552671", "en-US", true)).IsValid);

    [Fact]
    public void Profile_fields_are_checked_each_by_name()
    {
        var result = Profiles.Validate(new UpdateProfileRequest(new string('d', 101), "Ja\nne", null, "555-2671", "english", null));

        Assert.Equal(new[] { "DisplayName", "FirstName", "Locale", "Phone" }, FailedFields(result).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_staff_email_filter_is_bounded() =>
        Assert.False(new ProfileFilterValidator().Validate(new ProfileFilter(new string('a', 321))).IsValid);

    [Theory]
    [InlineData(null, true)]
    [InlineData("BILLING", true)]
    [InlineData("shipping", true)]
    [InlineData("GIFT", false)]
    public void The_validation_query_type_is_an_address_type(string? type, bool valid) =>
        Assert.Equal(valid, new UserValidationQueryValidator().Validate(new UserValidationQuery(null, type)).IsValid);
}
