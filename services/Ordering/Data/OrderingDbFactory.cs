using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Ordering.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class OrderingDbFactory : IDesignTimeDbContextFactory<OrderingDb>
{
    public OrderingDb CreateDbContext(string[] args) => new(DesignTime.Options<OrderingDb>("ordering"), DesignTime.NoTenant());
}
