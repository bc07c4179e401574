using System.Net;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Inventory.Tests;

/// <summary>Whatever a client sends, a mistake is a 4xx problem+json, never a 5xx, and nothing is written.</summary>
public sealed class MalformedInputTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    InventoryApi Api => inventory.Api;

    public static TheoryData<string> BadReservations() => new()
    {
        "null",
        "{}",
        "not json",
        """{"orderId":"00000000-0000-0000-0000-000000000000","lines":[{"sku":"OK-1","quantity":1}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":null}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[null]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":null,"quantity":1}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1\u0000","quantity":1}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"not a sku!","quantity":1}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":0}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":-1}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":1e30}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":9223372036854775807}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":1000001}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":1.5}]}""",
        """{"orderId":"0195d7a0-0000-7000-8000-000000000001","lines":[{"sku":"OK-1","quantity":1},{"sku":"OK-1","quantity":2}]}""",
        """{"orderId":"not-a-guid","lines":[{"sku":"OK-1","quantity":1}]}""",
        """[{"sku":"OK-1","quantity":1}]""",
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task A_malformed_reservation_is_a_client_error_and_reserves_nothing(string body)
    {
        var tenant = Guid.CreateVersion7();
        await Api.ReceiveAsync(tenant, "OK-1", 10);

        var response = await Api.InvokeAsync(inventory.Ordering, HttpMethod.Post, "/internal/v1/reservations", tenant, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await inventory.ReservationCountAsync(tenant));
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, "OK-1"));
    }

    [Fact]
    public async Task More_lines_than_a_reservation_takes_is_refused()
    {
        var tenant = Guid.CreateVersion7();
        var lines = Enumerable.Range(0, 101).Select(i => ($"L-{i}", 1)).ToArray();

        await ProblemAssert.IsValidationProblemAsync(await Api.ReserveAsync(tenant, Guid.CreateVersion7(), lines), "lines");
    }

    public static TheoryData<string, string> BadAdjustments() => new()
    {
        { "receive", """{"quantity":5}""" },
        { "receive", """{"quantity":5,"reason":"   "}""" },
        { "receive", """{"quantity":5,"reason":null}""" },
        { "receive", """{"quantity":5,"reason":"bad\u0000reason"}""" },
        { "receive", """{"quantity":0,"reason":"zero"}""" },
        { "receive", """{"quantity":-3,"reason":"negative"}""" },
        { "receive", """{"quantity":1e30,"reason":"huge"}""" },
        { "receive", """{"quantity":9223372036854775807,"reason":"long max"}""" },
        { "receive", """{"quantity":99999999999999999999999,"reason":"beyond long"}""" },
        { "receive", """{"quantity":null,"reason":"null"}""" },
        { "receive", """{"adjustmentId":"00000000-0000-0000-0000-000000000000","quantity":1,"reason":"empty id"}""" },
        { "write-off", """{"quantity":-1,"reason":"negative write-off"}""" },
        { "correct", """{"quantity":-1,"reason":"negative count"}""" },
        { "correct", """{"quantity":9223372036854775807,"reason":"long max"}""" },
        { "receive", "null" },
        { "receive", "[]" },
        { "receive", "{" },
    };

    [Theory]
    [MemberData(nameof(BadAdjustments))]
    public async Task A_malformed_adjustment_is_a_client_error_and_changes_nothing(string kind, string body)
    {
        var tenant = Guid.CreateVersion7();
        await Api.ReceiveAsync(tenant, "OK-1", 10);
        var movements = await inventory.MovementCountAsync(tenant);

        var response = await Api.AdjustAsync(inventory.AdminToken(tenant), "OK-1", kind, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(movements, await inventory.MovementCountAsync(tenant));
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, "OK-1"));
    }

    [Theory]
    [InlineData("/api/v1/stock/not%20a%20sku")]
    [InlineData("/api/v1/reservations?status=he%00ld")]
    [InlineData("/api/v1/stock/SKU-1/movements?page=0")]
    [InlineData("/api/v1/stock?pageSize=1000")]
    [InlineData("/api/v1/stock?page=abc")]
    [InlineData("/api/v1/reservations?status=lost")]
    public async Task A_malformed_read_is_a_client_error(string path)
    {
        var response = await Api.SendAsync(HttpMethod.Get, path, inventory.AdminToken(Guid.CreateVersion7()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_sku_longer_than_any_sku_is_a_validation_problem()
    {
        var tenant = Guid.CreateVersion7();

        var response = await Api.AdjustAsync(inventory.AdminToken(tenant), new string('A', 65), "receive", new { quantity = 1, reason = "long" });

        await ProblemAssert.IsValidationProblemAsync(response, "sku");
        Assert.Equal(0, await inventory.MovementCountAsync(tenant));
    }

    [Theory]
    [InlineData("""{"threshold":-1}""")]
    [InlineData("""{"threshold":1e30}""")]
    [InlineData("""{"threshold":null}""")]
    public async Task A_malformed_threshold_is_a_client_error(string body)
    {
        var tenant = Guid.CreateVersion7();
        await Api.ReceiveAsync(tenant, "OK-1", 1);

        var response = await Api.SendAsync(HttpMethod.Put, "/api/v1/stock/OK-1/threshold", inventory.AdminToken(tenant), body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"reservationMinutes":0}""")]
    [InlineData("""{"reservationMinutes":100000}""")]
    [InlineData("""{"reservationMinutes":1e30}""")]
    [InlineData("{}")]
    public async Task Malformed_settings_are_a_client_error_and_leave_the_default(string body)
    {
        var tenant = Guid.CreateVersion7();

        var response = await Api.SendAsync(HttpMethod.Put, "/api/v1/settings", inventory.AdminToken(tenant), body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await inventory.Database.ScalarAsync<long>("select count(*) from inventory_settings where tenant_id = $1", tenant));
    }

    public static TheoryData<string> BadAvailability() => new()
    {
        "null",
        """{"skus":null}""",
        """{"skus":[]}""",
        """{"skus":["A","A"]}""",
        """{"skus":[null]}""",
        """{"skus":["A\u0000"]}""",
        "{\"skus\":[" + string.Join(',', Enumerable.Range(0, 201).Select(i => $"\"S-{i}\"")) + "]}",
    };

    [Theory]
    [MemberData(nameof(BadAvailability))]
    public async Task A_malformed_availability_query_is_a_client_error(string body)
    {
        var response = await Api.InvokeAsync(inventory.Cart, HttpMethod.Post, "/internal/v1/stock/availability", Guid.CreateVersion7(), body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_hundred_skus_are_answered()
    {
        var skus = Enumerable.Range(0, 200).Select(i => $"S-{i}").ToArray();

        var answer = await InventoryApi.ReadAsync<AvailabilityView>(await Api.AvailabilityAsync(inventory.Cart, Guid.CreateVersion7(), skus));

        Assert.Equal(skus, answer.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task A_five_megabyte_body_is_refused_before_it_is_read()
    {
        var tenant = Guid.CreateVersion7();
        var huge = "{\"quantity\":1,\"reason\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";

        var direct = await Api.AdjustAsync(inventory.AdminToken(tenant), "OK-1", "receive", huge);
        var viaSidecar = await Api.InvokeAsync(inventory.Ordering, HttpMethod.Post, "/internal/v1/reservations", tenant,
            "{\"orderId\":\"" + Guid.CreateVersion7() + "\",\"lines\":[{\"sku\":\"" + new string('x', 5 * 1024 * 1024) + "\",\"quantity\":1}]}");

        await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.RequestEntityTooLarge);
        Assert.InRange((int)viaSidecar.StatusCode, 400, 499);
        Assert.Equal(0, await inventory.MovementCountAsync(tenant));
        Assert.Equal(0, await inventory.ReservationCountAsync(tenant));
    }
}
