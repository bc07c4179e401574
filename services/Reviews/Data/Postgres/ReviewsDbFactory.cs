using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Reviews.Data.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class ReviewsDbFactory : IDesignTimeDbContextFactory<ReviewsDb>
{
    public ReviewsDb CreateDbContext(string[] args) => new(DesignTime.Options<ReviewsDb>("reviews"), DesignTime.NoTenant());
}
