using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Cart.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class CartDbFactory : IDesignTimeDbContextFactory<CartDb>
{
    public CartDb CreateDbContext(string[] args) => new(DesignTime.Options<CartDb>("cart"), DesignTime.NoTenant());
}
