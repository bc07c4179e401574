namespace DaprShop.Catalog.Domain;

/// <summary>A price: decimal amount in an ISO 4217 currency (DESIGN.md "Money").</summary>
public sealed record Money(decimal Amount, string Currency);
