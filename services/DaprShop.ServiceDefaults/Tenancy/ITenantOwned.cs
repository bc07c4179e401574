namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>An entity that belongs to one tenant: filtered, indexed and stamped by tenant in the data layer.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
