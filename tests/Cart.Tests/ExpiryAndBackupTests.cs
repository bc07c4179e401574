using DaprShop.Cart.Tests.Support;
using DaprShop.Testing;

namespace DaprShop.Cart.Tests;

/// <summary>Moves the shared fake clock by days, so it has a fixture (and clock) of its own.</summary>
public sealed class ExpiryAndBackupTests(CartService cart) : IClassFixture<CartService>
{
    [Fact]
    public async Task A_cart_lost_by_the_actor_store_is_restored_from_its_backup()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 7m);
        (await me.AddAsync(product, 3)).Dispose();

        cart.Clock.Advance(TimeSpan.FromSeconds(6));
        await Eventually.TrueAsync(async () => await cart.CountBackupsAsync(tenant) == 1, "the backup was written a few seconds after the change");

        cart.FlushActorStore();
        await cart.Host.RestartAsync();

        using var again = cart.Customer(tenant, me.UserId);   // the restarted app listens on a new port
        Assert.Equal(3, (await again.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task A_cart_idle_for_seven_days_is_gone_with_its_backup_while_a_busy_one_stays()
    {
        var tenant = Guid.CreateVersion7();
        using var idle = cart.Customer(tenant);
        using var busy = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 7m);
        (await idle.AddAsync(product, 1)).Dispose();
        (await busy.AddAsync(product, 1)).Dispose();
        cart.Clock.Advance(TimeSpan.FromSeconds(6));
        await Eventually.TrueAsync(async () => await cart.CountBackupsAsync(tenant) == 2, "both carts were backed up");

        cart.Clock.Advance(TimeSpan.FromDays(4));
        (await busy.AddAsync(product, 1)).Dispose();
        cart.Clock.Advance(TimeSpan.FromDays(3));

        var idleKey = $"cart||CartActor||{tenant:D}:{idle.UserId:D}||cart";
        await Eventually.TrueAsync(async () => await cart.CountBackupsAsync(tenant) == 1, "the idle cart's backup was deleted");
        Assert.DoesNotContain(idleKey, cart.Host.Cluster.StateStores["statestore"].Keys("cart||"));
        Assert.Empty(await idle.QuantitiesAsync());
        Assert.Equal(2, (await busy.QuantitiesAsync())[product]);
    }
}

/// <summary>Carts kept where daprd keeps them (Redis, in its layout) outlive the whole cluster, as under <c>make run</c>.</summary>
public sealed class ClusterRestartTests(RedisCartService cart) : IClassFixture<RedisCartService>
{
    [Fact]
    public async Task A_cart_survives_a_restart_of_the_whole_sidecar_cluster_from_the_actor_store_alone()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 7m);
        (await me.AddAsync(product, 2)).Dispose();
        (await me.AddAsync(product, 1)).Dispose();
        await cart.Database.ExecuteAsync("delete from cart_backups where tenant_id = $1", tenant); // no help from the backup

        await cart.RestartClusterAsync();

        using var again = cart.Customer(tenant, me.UserId);
        Assert.Equal(3, (await again.QuantitiesAsync())[product]);
        Assert.Contains($"cart||CartActor||{tenant:D}:{me.UserId:D}||cart", cart.Host.Cluster.StateStores["statestore"].Keys("cart||"));
    }
}
