using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Apis.Requests;

namespace DaprShop.Reviews.Tests.Support;

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

/// <summary>reviews' APIs as clients call them, straight to the app with a user's token.</summary>
public sealed class ReviewsClient(ReviewsService service)
{
    public const string GoodText = "Comfortable, well made and the battery lasts for days.";

    public HttpClient Http => service.Host.Client;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestUser? user, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static ReviewRequest Good(int rating = 5, string title = "Great headphones", string text = GoodText) => new(rating, title, text);

    public Task<HttpResponseMessage> CreateAsync(TestUser user, Guid productId, ReviewRequest request) =>
        SendAsync(HttpMethod.Post, $"/api/v1/products/{productId}/reviews", user, request);

    /// <summary>A review written by a verified purchaser (delivers the product first).</summary>
    public async Task<ReviewResponse> ReviewAsync(TestUser user, Guid productId, ReviewRequest? request = null)
    {
        await service.DeliverAsync(user, productId);
        return await OkAsync<ReviewResponse>(await CreateAsync(user, productId, request ?? Good()), HttpStatusCode.Created);
    }

    public async Task<PageView<PublicReviewResponse>> ListAsync(TestUser user, Guid productId, string query = "") =>
        await OkAsync<PageView<PublicReviewResponse>>(await SendAsync(HttpMethod.Get, $"/api/v1/products/{productId}/reviews{query}", user));

    public async Task<RatingSummaryResponse> RatingAsync(TestUser user, Guid productId) =>
        await OkAsync<RatingSummaryResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/products/{productId}/rating", user));

    public Task<HttpResponseMessage> ApproveAsync(TestUser admin, Guid reviewId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/reviews/{reviewId}/approve", admin);

    public Task<HttpResponseMessage> RejectAsync(TestUser admin, Guid reviewId, string? reason = "Off-topic") =>
        SendAsync(HttpMethod.Post, $"/api/v1/reviews/{reviewId}/reject", admin, new RejectReviewRequest(reason));

    public Task<HttpResponseMessage> EditAsync(TestUser user, Guid reviewId, ReviewRequest request) =>
        SendAsync(HttpMethod.Put, $"/api/v1/reviews/me/{reviewId}", user, request);

    public Task<HttpResponseMessage> VoteAsync(TestUser user, Guid reviewId) =>
        SendAsync(HttpMethod.Put, $"/api/v1/reviews/{reviewId}/helpful", user);

    public async Task<PageView<ReviewResponse>> QueueAsync(TestUser admin, string query = "") =>
        await OkAsync<PageView<ReviewResponse>>(await SendAsync(HttpMethod.Get, $"/api/v1/reviews/moderation{query}", admin));

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (response.StatusCode != expected)
                Assert.Fail($"expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}, " +
                            $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }
    }
}
