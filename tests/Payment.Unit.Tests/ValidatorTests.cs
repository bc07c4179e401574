using DaprShop.Contracts.Payment;
using DaprShop.Payment.Apis.Requests;
using DaprShop.Payment.Validation;

namespace DaprShop.Payment.UnitTests;

public sealed class ValidatorTests
{
    static AuthorizePaymentRequest Authorize(decimal amount, string currency = "EUR") =>
        new(Guid.NewGuid(), Guid.NewGuid(), new MoneyAmount(amount, currency), "tok_x");

    [Theory]
    [InlineData(12.34, "EUR", true)]
    [InlineData(1000, "JPY", true)]
    [InlineData(1.234, "KWD", true)]
    [InlineData(12.345, "EUR", false)]   // more decimals than the currency has
    [InlineData(100.5, "JPY", false)]
    [InlineData(0, "EUR", false)]
    [InlineData(-1, "EUR", false)]
    [InlineData(1000000000.01, "EUR", false)]
    [InlineData(10, "eur", false)]
    [InlineData(10, "XXX", false)]
    public void An_amount_is_positive_bounded_and_fits_its_currency(decimal amount, string currency, bool valid) =>
        Assert.Equal(valid, new AuthorizePaymentRequestValidator().Validate(Authorize(amount, currency)).IsValid);

    [Fact]
    public void An_authorisation_needs_an_order_a_customer_an_amount_and_a_token()
    {
        var result = new AuthorizePaymentRequestValidator().Validate(new AuthorizePaymentRequest(Guid.Empty, Guid.Empty, null, null));

        Assert.Equal(["Amount", "CustomerId", "OrderId", "PaymentMethodToken"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }

    [Theory]
    [InlineData("4242424242424241")]   // Luhn is the provider's 422, not a shape error
    [InlineData("4242 4242 4242 4242")]
    public void A_card_of_the_right_shape_passes_validation(string number) =>
        Assert.True(new AddPaymentMethodRequestValidator().Validate(new AddPaymentMethodRequest(number, 12, 2035, "123", null)).IsValid);

    [Theory]
    [InlineData("4242")]
    [InlineData("4242424242424242424242")]
    [InlineData("4242abcd42424242")]
    public void A_card_number_of_the_wrong_shape_is_refused_without_echoing_it(string number)
    {
        var result = new AddPaymentMethodRequestValidator().Validate(new AddPaymentMethodRequest(number, 12, 2035, "123", null));

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.DoesNotContain(number, e.ErrorMessage, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 2035, "123")]
    [InlineData(13, 2035, "123")]
    [InlineData(12, 1999, "123")]
    [InlineData(12, 2035, "12")]
    [InlineData(12, 2035, "12a")]
    public void Expiry_and_security_code_have_their_shapes(int month, int year, string cvc) =>
        Assert.False(new AddPaymentMethodRequestValidator().Validate(new AddPaymentMethodRequest("4242424242424242", month, year, cvc, null)).IsValid);

    [Fact]
    public void The_card_request_never_prints_its_number()
    {
        var request = new AddPaymentMethodRequest("4242424242424242", 12, 2035, "987", "Ann");

        Assert.DoesNotContain("4242424242424242", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("987", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", request.ToCard().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_refund_needs_a_reason() =>
        Assert.False(new AdminRefundRequestValidator().Validate(new AdminRefundRequest(new MoneyAmount(1, "EUR"), " ")).IsValid);
}
