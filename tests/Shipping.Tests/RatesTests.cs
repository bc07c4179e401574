using System.Net;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>The carrier's prices per service level, for any signed-in user.</summary>
public sealed class RatesTests(ShippingService shipping) : IClassFixture<ShippingService>, IDisposable
{
    ShippingApi Api => shipping.Api;

    public void Dispose() => shipping.CarrierBack();

    public sealed record RateView(string ServiceLevel, Contracts.Payment.MoneyAmount Price, int EstimatedDays);

    [Fact]
    public async Task A_customer_gets_one_price_per_service_level()
    {
        var customer = shipping.NewUser();

        var rates = await ShippingApi.OkAsync<RateView[]>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipping-rates?items=3", customer.Token));

        Assert.Equal([(ServiceLevels.Standard, 6.40m, 3), (ServiceLevels.Express, 12.90m, 1)],
            rates.Select(r => (r.ServiceLevel, r.Price.Amount, r.EstimatedDays)).ToArray());
        Assert.All(rates, r => Assert.Equal("EUR", r.Price.Currency));
    }

    [Theory]
    [InlineData("?items=0")]
    [InlineData("?items=10001")]
    [InlineData("?items=many")]
    public async Task A_bad_item_count_is_400(string query)
    {
        var customer = shipping.NewUser();

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipping-rates" + query, customer.Token), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_token_it_is_401_and_with_the_carrier_down_503()
    {
        var customer = shipping.NewUser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, "/api/v1/shipping-rates", null)).StatusCode);

        shipping.Carrier.Down = true;

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipping-rates", customer.Token), HttpStatusCode.ServiceUnavailable,
            "https://daprshop.dev/problems/carrier-unavailable");
    }
}
