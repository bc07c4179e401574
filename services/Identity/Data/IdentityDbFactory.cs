using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Identity.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the app (which would need the Dapr sidecar for its keys).
/// The connection string is never opened by <c>migrations add</c>.
/// </summary>
internal sealed class IdentityDbFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdentityDb>()
            .UseNpgsql("Host=localhost;Database=identity;Username=daprshop;Password=daprshop")
            .UseOpenIddict()
            .Options;
        return new IdentityDb(options, new DesignTimeTenantContext());
    }

    private sealed class DesignTimeTenantContext : ServiceDefaults.Tenancy.ITenantContext
    {
        public Guid? TenantId { get; private set; }

        public void Set(Guid tenantId) => TenantId = tenantId;
    }
}
