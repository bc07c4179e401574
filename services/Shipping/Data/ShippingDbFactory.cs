using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Shipping.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class ShippingDbFactory : IDesignTimeDbContextFactory<ShippingDb>
{
    public ShippingDb CreateDbContext(string[] args) => new(DesignTime.Options<ShippingDb>("shipping"), DesignTime.NoTenant());
}
