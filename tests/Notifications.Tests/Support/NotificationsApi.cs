using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DaprShop.Notifications.Tests.Support;

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

public sealed record AttemptView(DateTimeOffset At, string Outcome, string? Error);

public sealed record MessageView(
    Guid Id, Guid EventId, Guid UserId, string Kind, string Channel, string Recipient, string? Subject, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? DeadAt, DateTimeOffset? NextAttemptAt, string? LastError,
    string? Body, AttemptView[]? Log);

public sealed record PreferenceItem(string Kind, string Channel, bool Enabled, bool Locked);

public sealed record PreferencesView(string? Email, string? Phone, string? WebhookUrl, PreferenceItem[] Preferences);

public sealed record TemplateView(string Kind, string Channel, string? Subject, string Body, bool Custom, DateTimeOffset? UpdatedAt);

public sealed record SenderView(string FromAddress, string FromName, bool Custom);

/// <summary>notifications' APIs as clients call them (straight to the app, with the caller's token).</summary>
public sealed class NotificationsApi(NotificationsService service)
{
    public const string Base = "/api/v1/notifications";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
        return await service.Host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<PageView<MessageView>> OwnMessagesAsync(TestUser user) =>
        await OkAsync<PageView<MessageView>>(await SendAsync(HttpMethod.Get, $"{Base}/me", user.Token));

    public async Task<MessageView> OwnMessageAsync(TestUser user, Guid id) =>
        await OkAsync<MessageView>(await SendAsync(HttpMethod.Get, $"{Base}/me/{id}", user.Token));

    public Task<HttpResponseMessage> PutPreferencesAsync(TestUser user, object body) => SendAsync(HttpMethod.Put, $"{Base}/preferences/me", user.Token, body);

    public async Task<PreferencesView> PreferencesAsync(TestUser user) =>
        await OkAsync<PreferencesView>(await SendAsync(HttpMethod.Get, $"{Base}/preferences/me", user.Token));

    public async Task<PageView<MessageView>> DeadLettersAsync(TestUser admin) =>
        await OkAsync<PageView<MessageView>>(await SendAsync(HttpMethod.Get, $"{Base}/dead-letters", admin.Token));

    public Task<HttpResponseMessage> ResendAsync(TestUser admin, Guid id) => SendAsync(HttpMethod.Post, $"{Base}/dead-letters/{id}/resend", admin.Token);

    public Task<HttpResponseMessage> PutTemplateAsync(TestUser admin, string kind, string channel, object body) =>
        SendAsync(HttpMethod.Put, $"{Base}/templates/{kind}/{channel}", admin.Token, body);

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
