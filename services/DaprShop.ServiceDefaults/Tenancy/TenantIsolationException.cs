namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>A write without a tenant, or into another tenant: a programming error, never a client's.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
