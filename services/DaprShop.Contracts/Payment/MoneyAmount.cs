namespace DaprShop.Contracts.Payment;

/// <summary>An amount of money as docs/api-conventions.md ("Money") writes it: <c>{ "amount": 12.34, "currency": "EUR" }</c>.</summary>
public sealed record MoneyAmount(decimal Amount, string Currency);
