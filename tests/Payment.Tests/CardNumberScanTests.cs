using System.Net;
using System.Text;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using DaprShop.Testing;
using Npgsql;

namespace DaprShop.Payment.Tests;

/// <summary>
/// Every card number a customer ever sends — good, declined, pending, malformed — and afterwards none of them anywhere:
/// not in any text column of any table of payment's database, not in any log line the app wrote (Debug and above).
/// </summary>
public sealed class CardNumberScanTests(PaymentService payment) : IClassFixture<PaymentService>
{
    static readonly string[] Numbers =
    [
        "4242424242424242", "5555555555554444", "378282246310005", "4000000000000002", "4000000000009995", "4000000000003220",
        "4000008400001629", "4000000000000341", "4000000000000069", "4000000000000119", "6011111111111117",
        "4242424242424241", // fails Luhn
        "9999999999999995", // no brand
    ];

    PaymentApi Api => payment.Api;

    [Fact]
    public async Task No_card_number_is_stored_or_logged_anywhere()
    {
        var customer = payment.NewCustomer();
        foreach (var number in Numbers)
        {
            var spaced = string.Join(' ', number.Chunk(4).Select(c => new string(c)));
            using var added = await Api.AddCardAsync(customer.Token, PaymentApi.Card(spaced));
            using var expired = await Api.AddCardAsync(customer.Token, PaymentApi.Card(number, 1, 2020));
            using var badCvc = await Api.AddCardAsync(customer.Token, PaymentApi.Card(number, cvc: "12345"));
            using var asNumber = await RawAsync(customer.Token, $"{{\"number\": {number}, \"expMonth\": 12, \"expYear\": 2035, \"cvc\": \"123\"}}");
            using var tooLong = await RawAsync(customer.Token, $"{{\"number\": \"{number}{number}\", \"expMonth\": 12, \"expYear\": 2035, \"cvc\": \"123\"}}");
            using var broken = await RawAsync(customer.Token, $"{{\"number\": \"{number}\", \"expMonth\": \"{number}\"");
            Assert.True(added.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"{added.StatusCode}");
            foreach (var response in new[] { added, expired, badCvc, asNumber, tooLong, broken })
                Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Pay with every card that was accepted: authorise, capture, refund, and the pending ones through their webhooks.
        var cards = await PaymentApi.OkAsync<PageView<PaymentMethodView>>(
            await Api.SendAsync(HttpMethod.Get, "/api/v1/payment-methods?pageSize=100", customer.Token));
        Assert.Equal(11, cards.Items.Length); // all but the Luhn failure and the unknown brand: declines come at authorisation
        foreach (var card in cards.Items)
        {
            var orderId = Guid.CreateVersion7();
            using var authorized = await Api.AuthorizeAsync(customer.TenantId, orderId, customer.UserId, card.Token, 50m);
            using var captured = await Api.CaptureAsync(customer.TenantId, orderId);
            using var refunded = await Api.RefundAsync(customer.TenantId, orderId, 10m, "k");
        }

        payment.Host.Clock!.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(async () => await payment.Database.ScalarAsync<long>("select count(*) from payments where state = 'pending'") == 0,
            "the pending cards' webhooks arrived");

        var stored = await AllTextAsync();
        var logs = string.Join('\n', payment.Logs.Lines);
        Assert.NotEmpty(stored);
        Assert.Contains("4242", stored, StringComparison.Ordinal); // the last four are kept, so the scan does see card data
        Assert.True(payment.Logs.Lines.Count > 50, $"only {payment.Logs.Lines.Count} log lines were captured");
        foreach (var number in Numbers)
        {
            foreach (var form in Forms(number))
            {
                Assert.DoesNotContain(form, stored, StringComparison.Ordinal);
                Assert.DoesNotContain(form, logs, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The number as sent, spaced in fours, and its first twelve digits (a prefix long enough to be a leak).</summary>
    static IEnumerable<string> Forms(string number) =>
        [number, string.Join(' ', number.Chunk(4).Select(c => new string(c))), number[..12]];

    Task<HttpResponseMessage> RawAsync(string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payment-methods") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return Api.Http.SendAsync(request);
    }

    /// <summary>Every value of every text-like column (text, varchar, char, json, jsonb, arrays) of every table, as one string.</summary>
    async Task<string> AllTextAsync()
    {
        await using var connection = new NpgsqlConnection(payment.Database.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var cmd = new NpgsqlCommand(
                         """
                         select table_name, column_name from information_schema.columns
                         where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
                         """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        Assert.Contains(columns, c => c.Table == "payment_methods");
        Assert.Contains(columns, c => c.Table == "outbox_messages");
        var all = new StringBuilder();
        foreach (var (table, column) in columns)
        {
            await using var cmd = new NpgsqlCommand($"select \"{column}\"::text from \"{table}\" where \"{column}\" is not null", connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) all.Append(reader.GetString(0)).Append('\n');
        }

        return all.ToString();
    }
}
