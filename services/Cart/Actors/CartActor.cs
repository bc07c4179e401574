using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Runtime;
using DaprShop.Cart.Apis;
using DaprShop.Cart.Domain;
using DaprShop.Cart.Pricing;
using DaprShop.ServiceDefaults.Idempotency;
using Microsoft.Extensions.Options;

namespace DaprShop.Cart.Actors;

/// <summary>
/// One cart. Its state is one document (<c>cart</c>) plus one entry per Idempotency-Key (<c>idempotency-{id}</c>, kept
/// 24 h), written by the SDK in one actor state transaction at the end of each call, so a change and its stored answer
/// are saved together or not at all. After every change it re-arms a reminder (<c>expire</c>, the idle period: the cart
/// and its backup are deleted when it fires) and a timer (<c>backup</c>, a few seconds: the PostgreSQL copy is written
/// once per burst of changes). When the store has lost the cart but the backup has it, the first call restores it.
/// </summary>
internal sealed class CartActor(
    ActorHost host,
    CatalogClient catalog,
    InventoryClient inventory,
    CartBackups backups,
    TimeProvider clock,
    IOptions<CartOptions> options,
    ILogger<CartActor> log) : Actor(host), ICartActor, IRemindable
{
    public const string TypeName = "CartActor";
    const string CartKey = "cart";
    const string ExpireReminder = "expire";
    const string BackupTimer = "backup";
    const int MaxMergedGuestCartsKept = 50;
    const int MaxCheckedOutOrdersKept = 50;

    static readonly TimeSpan BackupRetry = TimeSpan.FromSeconds(30);

    readonly Guid? _tenantId = CartActorIds.TenantOf(host.Id.GetId());
    readonly string _owner = CartActorIds.OwnerOf(host.Id.GetId());
    readonly bool _isGuest = CartActorIds.IsGuest(host.Id.GetId());
    bool _backupChecked;

    CartOptions Options => options.Value;
    DateTimeOffset Now => clock.GetUtcNow();

    public Task<CartOutcome> ViewAsync(CartCommand command) => Guarded(command, async () =>
    {
        var cart = await LoadAsync();
        if (cart is null) return _isGuest ? CartProblems.GuestCartNotFound() : CartOutcome.Ok(CartState.New(Now));
        if (cart.Lines.Count > 0)
        {
            var offers = await catalog.LookupAsync(_tenantId!.Value, [.. cart.Lines.Select(l => l.ProductId)], CancellationToken.None);
            // The new prices are the cart's from now on; the notes stay on the lines until the customer changes them.
            if (CartRules.Reprice(cart, offers, Now)) await SaveAsync(cart, rearm: false);
        }
        return CartOutcome.Ok(cart);
    });

    public Task<CartOutcome> CreateAsync(CartCommand command) => Guarded(command, async () =>
    {
        var cart = await LoadAsync() ?? CartState.New(Now);
        cart.Touch(Now);
        await SaveAsync(cart);
        return CartOutcome.Ok(cart, StatusCodes.Status201Created);
    });

    public Task<CartOutcome> AddAsync(CartCommand command) => Changing(command, async cart =>
    {
        var productId = command.ProductId!.Value;
        var (offer, available) = await CheckAsync(productId);
        return (CartRules.Add(cart, offer, command.Quantity!.Value, available, Now), productId);
    });

    public Task<CartOutcome> SetQuantityAsync(CartCommand command) => Changing(command, async cart =>
    {
        var productId = command.ProductId!.Value;
        var quantity = command.Quantity!.Value;
        // Only more units need catalog and inventory; fewer are always fine.
        var (offer, available) = CartRules.IsIncrease(cart, productId, quantity) ? await CheckAsync(productId) : (null, 0L);
        return (CartRules.SetQuantity(cart, productId, quantity, offer, available, Now), productId);
    });

    public Task<CartOutcome> RemoveAsync(CartCommand command) => Changing(command, cart =>
        Task.FromResult((CartRules.Remove(cart, command.ProductId!.Value, Now), command.ProductId)));

    public Task<CartOutcome> ClearAsync(CartCommand command) => Changing(command, cart =>
    {
        CartRules.Clear(cart, Now);
        return Task.FromResult((CartError.None, (Guid?)null));
    });

    public Task<CartOutcome> MergeAsync(CartCommand command) => Guarded(command, () => IdempotentAsync(command, async () =>
    {
        var guestCartId = command.GuestCartId!;
        var cart = await LoadAsync() ?? CartState.New(Now);
        if (cart.MergedGuestCarts.Contains(guestCartId)) return CartOutcome.Ok(cart);

        var guest = ProxyFactory.Create(new ActorId(CartActorIds.Guest(_tenantId!.Value, guestCartId)), TypeName);
        var taken = await guest.InvokeMethodAsync<CartCommand, CartOutcome>(nameof(PeekAsync), new CartCommand(_tenantId.Value));
        if (taken.Status != StatusCodes.Status200OK || taken.Cart is null) return taken.IsSuccess ? CartProblems.GuestCartNotFound() : taken;

        var lines = taken.Cart.Lines;
        var offers = lines.Count == 0 ? new Dictionary<Guid, ProductOffer>()
            : await catalog.LookupAsync(_tenantId.Value, [.. lines.Select(l => l.ProductId)], CancellationToken.None);
        var available = offers.Count == 0 ? new Dictionary<string, long>()
            : await inventory.AvailableAsync(_tenantId.Value, [.. offers.Values.Select(o => o.Sku)], CancellationToken.None);
        var merged = CartRules.Merge(cart, lines, offers, available, Now);
        if (merged.Error != CartError.None) return CartProblems.For(merged.Error, null);

        cart.MergedGuestCarts.Add(guestCartId);
        if (cart.MergedGuestCarts.Count > MaxMergedGuestCartsKept) cart.MergedGuestCarts.RemoveAt(0);
        await SaveAsync(cart);
        // Saved before the guest cart goes: a crash in between leaves the guest cart, whose id is now remembered as merged.
        await StateManager.SaveStateAsync();
        try
        {
            await guest.InvokeMethodAsync<CartCommand, CartOutcome>(nameof(DeleteAsync), new CartCommand(_tenantId.Value));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // It expires on its own; merging it again adds nothing.
            log.LogWarning(e, "Merged guest cart {GuestCart} could not be deleted now", guestCartId);
        }
        return CartOutcome.Ok(cart) with { MergeNotes = merged.Notes };
    }));

    public Task<CartOutcome> PeekAsync(CartCommand command) => Guarded(command, async () =>
        await LoadAsync() is { } cart ? CartOutcome.Ok(cart) : CartProblems.GuestCartNotFound());

    public Task<CartOutcome> ContentsAsync(CartCommand command) => Guarded(command, async () =>
        CartOutcome.Ok(await LoadAsync() ?? CartState.New(Now)));

    public Task<CartOutcome> CheckOutAsync(CartCommand command) => Guarded(command, async () =>
    {
        var orderId = command.OrderId!.Value;
        // No cart: nothing was left to take out (it expired, or was cleared); nothing to remember either.
        if (await LoadAsync() is not { } cart) return new CartOutcome(StatusCodes.Status204NoContent);
        if (cart.CheckedOutOrders.Contains(orderId)) return CartOutcome.Ok(cart) with { Replayed = true };

        var changed = CartRules.TakeOut(cart, (command.OrderedLines ?? []).Select(l => (l.ProductId, l.Quantity)), Now);
        // Remembered in the cart's own document, saved in the same write as the change: the guard against a redelivery
        // that comes after this save but before the event's processed record committed.
        cart.CheckedOutOrders.Add(orderId);
        if (cart.CheckedOutOrders.Count > MaxCheckedOutOrdersKept) cart.CheckedOutOrders.RemoveAt(0);
        await SaveAsync(cart, rearm: changed);
        return CartOutcome.Ok(cart);
    });

    public Task<CartOutcome> DeleteAsync(CartCommand command) => Guarded(command, async () =>
    {
        await ForgetAsync();
        return new CartOutcome(StatusCodes.Status204NoContent);
    });

    /// <summary>The backup timer: writes the cart as it is now (or removes the copy of a cart that is gone).</summary>
    public async Task BackupAsync(byte[]? data)
    {
        if (_tenantId is not { } tenantId) return;
        try
        {
            var cart = await StateManager.TryGetStateAsync<CartState>(CartKey);
            if (cart.HasValue) await backups.SaveAsync(tenantId, _owner, cart.Value, CancellationToken.None);
            else await backups.DeleteAsync(tenantId, _owner, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Backup of cart {Cart} failed; retrying in {Seconds} s", Id, BackupRetry.TotalSeconds);
            await RegisterTimerAsync(BackupTimer, nameof(BackupAsync), null, BackupRetry, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The idle reminder: deletes a cart nobody changed for the idle period (re-arms if it changed since).</summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != ExpireReminder || _tenantId is null) return;
        var cart = await StateManager.TryGetStateAsync<CartState>(CartKey);
        if (cart.HasValue && cart.Value.UpdatedAt + Options.Idle > Now + TimeSpan.FromSeconds(1))
        {
            await RegisterReminderAsync(ExpireReminder, null, cart.Value.UpdatedAt + Options.Idle - Now, Timeout.InfiniteTimeSpan);
            return;
        }
        log.LogInformation("Cart {Cart} expired after {Days} idle days", Id, Options.IdleDays);
        await ForgetAsync();
    }

    async Task ForgetAsync()
    {
        await StateManager.TryRemoveStateAsync(CartKey);
        // Gone from the store before the backup goes, so a failure in between leaves no cart to be restored later.
        await StateManager.SaveStateAsync();
        await backups.DeleteAsync(_tenantId!.Value, _owner, CancellationToken.None);
        await UnregisterTimerAsync(BackupTimer);
        try { await UnregisterReminderAsync(ExpireReminder); }
        catch (Dapr.DaprApiException) { /* already fired (it is a one-shot) or never armed */ }
        _backupChecked = true;
    }

    /// <summary>A change: idempotent by key, on a copy of the cart that is saved only when the rule accepted it.</summary>
    Task<CartOutcome> Changing(CartCommand command, Func<CartState, Task<(CartError Error, Guid? ProductId)>> change) =>
        Guarded(command, () => IdempotentAsync(command, async () =>
        {
            var cart = await LoadAsync();
            if (cart is null)
            {
                if (_isGuest) return CartProblems.GuestCartNotFound();
                cart = CartState.New(Now);
            }
            var (error, productId) = await change(cart);
            if (error != CartError.None) return CartProblems.For(error, productId);
            await SaveAsync(cart);
            return CartOutcome.Ok(cart);
        }));

    /// <summary>
    /// The stored answer for a key already used with this request; 422 for a key used with another; otherwise runs the
    /// change and keeps a successful answer under the key (in the same state transaction as the change).
    /// </summary>
    async Task<CartOutcome> IdempotentAsync(CartCommand command, Func<Task<CartOutcome>> change)
    {
        if (command.IdempotencyId is not { } id) return await change();
        var key = "idempotency-" + id;
        var stored = await StateManager.TryGetStateAsync<StoredOutcome>(key);
        if (stored.HasValue)
            return stored.Value.Fingerprint == command.Fingerprint ? stored.Value.Outcome with { Replayed = true } : CartProblems.KeyReused();
        var outcome = await change();
        if (outcome.IsSuccess) await StateManager.SetStateAsync(key, new StoredOutcome(command.Fingerprint!, outcome), IdempotencyKey.Retention);
        return outcome;
    }

    /// <summary>Every call is checked against the tenant in the actor's id (fail closed); a dependency down is a 503.</summary>
    async Task<CartOutcome> Guarded(CartCommand command, Func<Task<CartOutcome>> call)
    {
        if (_tenantId is null || command.TenantId != _tenantId)
        {
            log.LogWarning("Cart {Cart} refused a call for tenant {Tenant}", Id, command.TenantId);
            return _isGuest ? CartProblems.GuestCartNotFound() : CartProblems.NotFound("Cart", "for this tenant");
        }
        try
        {
            var outcome = await call();
            // Saved here rather than by the SDK after the call, so a failing store is this call's 503, not a 500.
            await StateManager.SaveStateAsync();
            return outcome;
        }
        catch (DependencyUnavailableException e)
        {
            log.LogWarning(e, "Cart {Cart}: {Service} unavailable", Id, e.Service);
            // Nothing staged by this call may be saved: drop the cache so the SDK's save at the end writes nothing.
            await StateManager.ClearCacheAsync();
            return CartProblems.Unavailable(e.Service);
        }
        catch (Exception e) when (e is Dapr.DaprException or HttpRequestException)
        {
            log.LogWarning(e, "Cart {Cart}: the actor store failed", Id);
            await StateManager.ClearCacheAsync();
            return CartProblems.Unavailable("its store");
        }

    }

    async Task<(ProductOffer? Offer, long Available)> CheckAsync(Guid productId)
    {
        var offers = await catalog.LookupAsync(_tenantId!.Value, [productId], CancellationToken.None);
        if (!offers.TryGetValue(productId, out var offer) || !offer.IsActive) return (offers.GetValueOrDefault(productId), 0);
        var available = await inventory.AvailableAsync(_tenantId.Value, [offer.Sku], CancellationToken.None);
        return (offer, available.GetValueOrDefault(offer.Sku));
    }

    /// <summary>
    /// The cart as a copy the caller may change (the state manager's cached object is never touched), restored from the
    /// backup when the store has lost it; null when there is no cart.
    /// </summary>
    async Task<CartState?> LoadAsync()
    {
        var held = await StateManager.TryGetStateAsync<CartState>(CartKey);
        if (held.HasValue) return Copy(held.Value);
        if (_backupChecked) return null;
        _backupChecked = true;
        var backup = await backups.LoadAsync(_tenantId!.Value, _owner, CancellationToken.None);
        if (backup is null) return null;
        if (backup.UpdatedAt + Options.Idle <= Now)
        {
            await backups.DeleteAsync(_tenantId.Value, _owner, CancellationToken.None);
            return null;
        }
        log.LogInformation("Cart {Cart} restored from its backup (version {Version})", Id, backup.Version);
        await StateManager.SetStateAsync(CartKey, backup);
        await RegisterReminderAsync(ExpireReminder, null, backup.UpdatedAt + Options.Idle - Now, Timeout.InfiniteTimeSpan);
        return Copy(backup);
    }

    async Task SaveAsync(CartState cart, bool rearm = true)
    {
        await StateManager.SetStateAsync(CartKey, cart);
        await RegisterTimerAsync(BackupTimer, nameof(BackupAsync), null, Options.BackupDelay, Timeout.InfiniteTimeSpan);
        if (rearm) await RegisterReminderAsync(ExpireReminder, null, Options.Idle, Timeout.InfiniteTimeSpan);
    }

    static CartState Copy(CartState cart) =>
        JsonSerializer.Deserialize<CartState>(JsonSerializer.SerializeToUtf8Bytes(cart, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
}
