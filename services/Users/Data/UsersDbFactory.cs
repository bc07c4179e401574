using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Users.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class UsersDbFactory : IDesignTimeDbContextFactory<UsersDb>
{
    public UsersDb CreateDbContext(string[] args) => new(DesignTime.Options<UsersDb>("users"), DesignTime.NoTenant());
}
