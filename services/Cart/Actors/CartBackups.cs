using System.Text.Json;
using DaprShop.Cart.Data;
using DaprShop.Cart.Domain;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Cart.Actors;

/// <summary>
/// The carts' copy in PostgreSQL, written a few seconds after a cart's last change and read when the actor store has
/// lost a cart (a flushed Redis). One row per cart; a write only replaces an older version, so a late backup never
/// overwrites a newer one.
/// </summary>
internal sealed class CartBackups(IServiceScopeFactory scopes)
{
    public async Task SaveAsync(Guid tenantId, string cartId, CartState cart, CancellationToken ct)
    {
        await using var scope = Scope(tenantId, out var db);
        var document = JsonSerializer.Serialize(cart, JsonSerializerOptions.Web);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cart_backups (tenant_id, cart_id, document, version, updated_at)
            VALUES ({tenantId}, {cartId}, {document}::jsonb, {cart.Version}, {cart.UpdatedAt})
            ON CONFLICT (tenant_id, cart_id) DO UPDATE
              SET document = excluded.document, version = excluded.version, updated_at = excluded.updated_at
              WHERE cart_backups.version < excluded.version
            """, ct);
    }

    public async Task<CartState?> LoadAsync(Guid tenantId, string cartId, CancellationToken ct)
    {
        await using var scope = Scope(tenantId, out var db);
        var row = await db.Backups.AsNoTracking().SingleOrDefaultAsync(b => b.CartId == cartId, ct);
        return row is null ? null : JsonSerializer.Deserialize<CartState>(row.Document, JsonSerializerOptions.Web);
    }

    public async Task DeleteAsync(Guid tenantId, string cartId, CancellationToken ct)
    {
        await using var scope = Scope(tenantId, out var db);
        await db.Backups.Where(b => b.CartId == cartId).ExecuteDeleteAsync(ct);
    }

    AsyncServiceScope Scope(Guid tenantId, out CartDb db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        db = scope.ServiceProvider.GetRequiredService<CartDb>();
        return scope;
    }
}
