using System.Net;
using System.Net.Http.Headers;
using Dapr.Client;
using DaprShop.Contracts.Users;
using DaprShop.Testing;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

/// <summary>
/// The route ordering calls through Dapr service invocation with the buyer's forwarded token. The tests call it from a
/// sidecar named <c>ordering</c> on the same cluster, exactly as ordering will.
/// </summary>
public sealed class UserValidationTests(UsersService users) : IClassFixture<UsersService>, IAsyncLifetime
{
    UsersApi Api => users.Api;
    HttpClient _ordering = null!;

    public async ValueTask InitializeAsync()
    {
        var sidecar = users.Host.Cluster.Sidecars.FirstOrDefault(s => s.AppId == "ordering")
                      ?? await users.Host.Cluster.AddSidecarAsync("ordering");
        _ordering = DaprClient.CreateInvokeHttpClient("users", sidecar.HttpEndpoint);
    }

    public ValueTask DisposeAsync()
    {
        _ordering.Dispose();
        return ValueTask.CompletedTask;
    }

    Task<HttpResponseMessage> ValidateAsync(string token, Guid userId, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/users/{userId}/validation{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _ordering.SendAsync(request);
    }

    [Fact]
    public async Task A_buyer_with_a_default_shipping_address_is_valid()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));
        var shipping = await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));

        var result = await OkAsync<ValidationView>(await ValidateAsync(user.Token, user.UserId));

        Assert.Equal(user.UserId, result.UserId);
        Assert.Equal(user.TenantId, result.TenantId);
        Assert.Equal(shipping.Id, result.Address.Id);
    }

    [Fact]
    public async Task A_named_address_of_the_asked_type_is_returned()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));
        var second = await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));

        var result = await OkAsync<ValidationView>(await ValidateAsync(user.Token, user.UserId, $"?addressId={second.Id}&type=BILLING"));

        Assert.Equal(second.Id, result.Address.Id);
    }

    [Fact]
    public async Task A_billing_address_is_not_a_shipping_address()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var billing = await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));

        using var response = await ValidateAsync(user.Token, user.UserId, $"?addressId={billing.Id}&type=SHIPPING");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/address-type-mismatch");
    }

    [Fact]
    public async Task No_default_of_the_type_is_a_404()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));

        using var response = await ValidateAsync(user.Token, user.UserId);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_locked_user_is_refused_at_once()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.CreateAddressOkAsync(user.Token, Address());
        await Api.ProfileOkAsync(user.Token);   // cached as unlocked: the check must not read the cache

        await users.PublishAsync(new UserLockChanged(user.UserId, true, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        await Eventually.TrueAsync(async () => await users.Database.ScalarAsync<bool>("select locked from profiles where user_id = $1", user.UserId), "the lock arrived");

        using var response = await ValidateAsync(user.Token, user.UserId);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Locked, "https://daprshop.dev/problems/user-locked");
    }

    [Fact]
    public async Task A_customer_cannot_validate_another_user_but_staff_can()
    {
        var tenant = Guid.CreateVersion7();
        var buyer = await users.RegisterAsync(tenant);
        await Api.CreateAddressOkAsync(buyer.Token, Address());
        var other = await users.RegisterAsync(tenant);
        var support = users.NewUser(tenant, "support");

        using var refused = await ValidateAsync(other.Token, buyer.UserId);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(buyer.UserId, (await OkAsync<ValidationView>(await ValidateAsync(support.Token, buyer.UserId))).UserId);
    }

    [Fact]
    public async Task Another_tenants_user_and_address_are_not_found()
    {
        var b = await users.RegisterAsync(Guid.CreateVersion7());
        var addressOfB = await Api.CreateAddressOkAsync(b.Token, Address());
        var staffOfA = users.NewUser(Guid.CreateVersion7(), "admin");
        var a = await users.RegisterAsync(staffOfA.TenantId);
        await Api.CreateAddressOkAsync(a.Token, Address());

        using var user = await ValidateAsync(staffOfA.Token, b.UserId);
        using var address = await ValidateAsync(a.Token, a.UserId, $"?addressId={addressOfB.Id}");

        await ProblemAssert.IsProblemAsync(user, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(address, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_call_that_bypasses_the_sidecar_is_refused()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.CreateAddressOkAsync(user.Token, Address());

        using var response = await Api.SendAsync(HttpMethod.Get, $"/internal/users/{user.UserId}/validation", user.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("?type=GIFT", "type")]
    [InlineData("?addressId=not-a-guid", null)]
    public async Task Bad_query_values_are_400_problems(string query, string? field)
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await ValidateAsync(user.Token, user.UserId, query);

        if (field is null) await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        else await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Without_a_token_it_is_a_401()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await _ordering.GetAsync($"/internal/users/{user.UserId}/validation");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    Task<HttpResponseMessage> ValidateAsServiceAsync(Guid tenantId, Guid userId, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/v1/users/{userId}/validation{query}");
        request.Headers.Add("X-Tenant-ID", tenantId.ToString());
        return _ordering.SendAsync(request);
    }

    [Fact]
    public async Task Ordering_validates_a_buyer_as_a_service_for_the_tenant_it_names()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var billing = await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));

        var result = await OkAsync<ValidationView>(await ValidateAsServiceAsync(user.TenantId, user.UserId, $"?addressId={billing.Id}&type=BILLING"));
        using var otherTenant = await ValidateAsServiceAsync(Guid.CreateVersion7(), user.UserId, $"?addressId={billing.Id}&type=BILLING");
        using var wrongType = await ValidateAsServiceAsync(user.TenantId, user.UserId, $"?addressId={billing.Id}&type=SHIPPING");

        Assert.Equal(billing.Id, result.Address.Id);
        await ProblemAssert.IsProblemAsync(otherTenant, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/address-type-mismatch");
    }

    [Fact]
    public async Task The_service_route_refuses_other_apps_a_missing_tenant_and_calls_past_the_sidecar()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var reviewsSidecar = users.Host.Cluster.Sidecars.FirstOrDefault(s => s.AppId == "reviews") ?? await users.Host.Cluster.AddSidecarAsync("reviews");
        using var reviews = DaprClient.CreateInvokeHttpClient("users", reviewsSidecar.HttpEndpoint);
        using var fromReviews = new HttpRequestMessage(HttpMethod.Get, $"/internal/v1/users/{user.UserId}/validation");
        fromReviews.Headers.Add("X-Tenant-ID", user.TenantId.ToString());

        using var other = await reviews.SendAsync(fromReviews);
        using var noTenant = await _ordering.GetAsync($"/internal/v1/users/{user.UserId}/validation");
        using var direct = await Api.SendAsync(HttpMethod.Get, $"/internal/v1/users/{user.UserId}/validation", user.Token);

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(noTenant, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.Unauthorized);
    }
}
