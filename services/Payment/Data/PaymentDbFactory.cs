using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DaprShop.Payment.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (and its sidecar).</summary>
internal sealed class PaymentDbFactory : IDesignTimeDbContextFactory<PaymentDb>
{
    public PaymentDb CreateDbContext(string[] args) => new(DesignTime.Options<PaymentDb>("payment"), DesignTime.NoTenant());
}
