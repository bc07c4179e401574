using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Inventory.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class InventoryDbFactory : IDesignTimeDbContextFactory<InventoryDb>
{
    public InventoryDb CreateDbContext(string[] args) => new(DesignTime.Options<InventoryDb>("inventory"), DesignTime.NoTenant());
}
