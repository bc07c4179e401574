using System.Net;
using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>Tenant isolation and ownership on every route; malformed input is a 4xx that writes nothing.</summary>
public sealed class IsolationAndInputTests(OrderingService ordering) : IClassFixture<OrderingService>
{
    OrdersClient Api => new(ordering);

    [Fact]
    public async Task Another_tenants_customer_and_staff_and_another_customer_cannot_see_or_cancel_an_order()
    {
        var buyer = await ordering.NewBuyerAsync();
        var placed = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));
        var neighbour = await ordering.NewBuyerAsync(buyer.TenantId);
        var stranger = await ordering.NewBuyerAsync();
        var strangeStaff = ordering.StaffToken(stranger.TenantId, "admin");

        foreach (var token in new[] { neighbour.Token, stranger.Token, strangeStaff })
        {
            using var read = await Api.GetAsync(token, placed.Id);
            await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
            var list = await OrdersClient.OkAsync<PageView>(await Api.ListAsync(token));
            Assert.DoesNotContain(list.Items, o => o.Id == placed.Id);
        }
        foreach (var token in new[] { neighbour.Token, stranger.Token })
        {
            using var cancel = await Api.CancelAsync(token, placed.Id);
            await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Support_of_the_tenant_sees_its_orders_and_a_customer_only_their_own()
    {
        var buyer = await ordering.NewBuyerAsync();
        var neighbour = await ordering.NewBuyerAsync(buyer.TenantId);
        var mine = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));
        var theirs = await Api.PlaceOkAsync(neighbour, (Guid.CreateVersion7(), 2));

        var support = await OrdersClient.OkAsync<PageView>(await Api.ListAsync(ordering.StaffToken(buyer.TenantId)));
        var own = await OrdersClient.OkAsync<PageView>(await Api.ListAsync(buyer.Token));

        Assert.Equal([theirs.Id, mine.Id], support.Items.Select(o => o.Id));
        Assert.Equal([mine.Id], own.Items.Select(o => o.Id));
        Assert.Equal(mine.Id, (await Api.GetOkAsync(ordering.StaffToken(buyer.TenantId), mine.Id)).Id);
    }

    [Fact]
    public async Task Staff_cannot_place_or_cancel_orders_and_anonymous_callers_nothing_at_all()
    {
        var buyer = await ordering.NewBuyerAsync();
        var placed = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));
        var staff = ordering.StaffToken(buyer.TenantId);

        using var place = await Api.PlaceAsync(staff, OrdersClient.Body(buyer, (Guid.CreateVersion7(), 1)));
        using var cancel = await Api.CancelAsync(staff, placed.Id);
        using var anonymous = await Api.GetAsync(null!, placed.Id);

        Assert.Equal(HttpStatusCode.Forbidden, place.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"lines":[],"shippingAddressId":"01930000-0000-7000-8000-000000000001","billingAddressId":"01930000-0000-7000-8000-000000000002","paymentMethodToken":"t"}""", "lines" },
        { """{"lines":[{"productId":"01930000-0000-7000-8000-000000000003","quantity":0}],"shippingAddressId":"01930000-0000-7000-8000-000000000001","billingAddressId":"01930000-0000-7000-8000-000000000002","paymentMethodToken":"t"}""", "lines[0].quantity" },
        { """{"lines":[{"productId":"01930000-0000-7000-8000-000000000003","quantity":1}],"billingAddressId":"01930000-0000-7000-8000-000000000002","paymentMethodToken":"t"}""", "shippingAddressId" },
        { """{"lines":[{"productId":"01930000-0000-7000-8000-000000000003","quantity":1}],"shippingAddressId":"01930000-0000-7000-8000-000000000001","billingAddressId":"01930000-0000-7000-8000-000000000002","paymentMethodToken":"t\u0000"}""", "paymentMethodToken" },
        { """{"lines":[{"productId":null,"quantity":1}],"shippingAddressId":"01930000-0000-7000-8000-000000000001","billingAddressId":"01930000-0000-7000-8000-000000000002","paymentMethodToken":"t"}""", "lines[0].productId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var buyer = await ordering.NewBuyerAsync();

        using var response = await Api.PlaceAsync(buyer.Token, body);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("""{"lines":[{"productId":"x","quantity":1}]}""")]
    [InlineData("""{"lines":[{"productId":"01930000-0000-7000-8000-000000000003","quantity":99999999999999999999}]}""")]
    [InlineData("not json")]
    [InlineData("null")]
    public async Task Unreadable_json_is_a_400(string body)
    {
        var buyer = await ordering.NewBuyerAsync();

        using var response = await Api.PlaceAsync(buyer.Token, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_idempotency_key_is_a_validation_problem()
    {
        var buyer = await ordering.NewBuyerAsync();

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/orders", buyer.Token, OrdersClient.Body(buyer, (Guid.CreateVersion7(), 1)));

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.Equal(0, await ordering.Database.ScalarAsync<long>("select count(*) from orders where customer_id = $1", buyer.UserId));
    }

    [Fact]
    public async Task A_5_MB_body_is_refused_with_413()
    {
        var buyer = await ordering.NewBuyerAsync();

        using var response = await Api.PlaceAsync(buyer.Token, "{\"lines\":[],\"x\":\"" + new string('a', 5 * 1024 * 1024) + "\"}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("?status=lost", "status")]
    [InlineData("?pageSize=1000", "pageSize")]
    public async Task Bad_list_queries_are_validation_problems(string query, string field)
    {
        var buyer = await ordering.NewBuyerAsync();

        using var response = await Api.ListAsync(buyer.Token, query);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task An_overlong_cancel_reason_is_a_validation_problem()
    {
        var buyer = await ordering.NewBuyerAsync();
        var placed = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));

        using var response = await Api.CancelAsync(buyer.Token, placed.Id, new { reason = new string('r', 201) });

        await ProblemAssert.IsValidationProblemAsync(response, "reason");
    }
}
