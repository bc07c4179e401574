using DaprShop.LocalSidecar.Cluster;
using FluentValidation;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Testing.Dapr;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests.Kit;

/// <summary>
/// A service made of nothing but the kit, as a new service's Program.cs would be: service defaults, a tenant-scoped
/// DbContext with integration events, a subscribed handler and a few routes — beside its own local sidecar.
/// </summary>
public sealed class KitApp : IAsyncDisposable
{
    public const string DefaultAppId = "notes";

    readonly WebApplication _web;

    KitApp(WebApplication web, AppSidecar sidecar, int port, string appId)
    {
        AppId = appId;
        _web = web;
        Sidecar = sidecar;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public string AppId { get; }
    public AppSidecar Sidecar { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _web.Services;
    public NoteHandlerBehaviour Behaviour => _web.Services.GetRequiredService<NoteHandlerBehaviour>();

    public static async Task<KitApp> StartAsync(TestDapr dapr, string connectionString, string? appApiToken = null, string appId = DefaultAppId)
    {
        var sidecar = await dapr.Cluster.AddSidecarAsync(appApiToken is null ? new SidecarOptions(appId) : new SidecarOptions(appId) { AppApiToken = appApiToken });
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in sidecar.AppEnvironment) builder.Configuration[key] = value;
        if (appApiToken == "") builder.Configuration[DaprSidecarExtensions.AppTokenVariable] = "";
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Services.AddTenantDbContext<NotesDb>(connectionString);
        builder.Services.AddIntegrationEvents<NotesDb>();
        builder.Services.AddSingleton<NoteHandlerBehaviour>();
        builder.Services.AddSingleton<FluentValidation.IValidator<EchoRequest>, EchoRequestValidator>();

        var web = builder.Build();
        web.UseServiceDefaults();
        web.MapDefaultEndpoints();
        web.MapIntegrationEvent<NoteRequested, NoteRequestedHandler>("note-events");
        web.MapPost("/echo", (EchoRequest request) => TypedResults.Ok(request)).WithValidation<EchoRequest>();
        web.MapGet("/search", (string? q) => TypedResults.Ok(q));
        web.MapGet("/sidecar-only", () => TypedResults.Ok("from the sidecar")).RequireDaprSidecar();
        web.MapGet("/service-only", (ITenantContext tenant) => TypedResults.Ok(tenant.TenantId)).RequireServiceCaller("ordering", "cart");
        await web.StartAsync();
        var port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        await sidecar.ConnectAppAsync(port);
        return new KitApp(web, sidecar, port, appId);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}

public sealed record EchoRequest(string? Name, IReadOnlyList<string>? Tags, EchoAddress? Address);

public sealed record EchoAddress(string? Line1);

public sealed class EchoRequestValidator : FluentValidation.AbstractValidator<EchoRequest>
{
    public EchoRequestValidator() => RuleFor(r => r.Name).MaximumLength(100);
}

/// <summary>Asks the notes service to write a note (the event the kit app subscribes to).</summary>
public sealed record NoteRequested(string Text) : DaprShop.Contracts.IntegrationEvent;

/// <summary>Another event on the same topic, which the kit app does not subscribe to.</summary>
public sealed record NoteIgnored(string Text) : DaprShop.Contracts.IntegrationEvent;

/// <summary>How the handler behaves on its next deliveries, set by the test.</summary>
public sealed class NoteHandlerBehaviour
{
    int _transientFailures;
    int _deliveries;

    public bool Permanent { get; set; }
    public int Deliveries => Volatile.Read(ref _deliveries);
    public void FailTransiently(int times) => Volatile.Write(ref _transientFailures, times);

    internal void OnDelivery()
    {
        Interlocked.Increment(ref _deliveries);
        if (Permanent) throw new PermanentEventFailureException("this note can never be written");
        if (Interlocked.Decrement(ref _transientFailures) >= 0) throw new TimeoutException("the database is slow today");
    }
}

/// <summary>Writes the requested note, stamped with the correlation id it ran under.</summary>
public sealed class NoteRequestedHandler(NotesDb db, NoteHandlerBehaviour behaviour, Correlation.ICorrelationContext correlation)
    : IIntegrationEventHandler<NoteRequested>
{
    public async Task HandleAsync(NoteRequested @event, CancellationToken ct)
    {
        behaviour.OnDelivery();
        db.Notes.Add(new Note { Text = $"{@event.Text}|{correlation.CorrelationId}" });
        await db.SaveChangesAsync(ct);
    }
}
