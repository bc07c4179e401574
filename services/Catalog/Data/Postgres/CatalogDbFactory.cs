using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Catalog.Data.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class CatalogDbFactory : IDesignTimeDbContextFactory<CatalogDb>
{
    public CatalogDb CreateDbContext(string[] args) => new(DesignTime.Options<CatalogDb>("catalog"), DesignTime.NoTenant());
}
