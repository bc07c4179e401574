namespace DaprShop.Catalog.Apis.Requests;

/// <summary>
/// A product as an admin writes it: the whole editable state (create, and PUT which replaces it). The slug is derived
/// from the name when not given; the status defaults to draft. Nullable members so that a missing field is a
/// field-level validation problem rather than an unreadable body.
/// </summary>
internal sealed record ProductRequest(
    string? Sku,
    string? Name,
    string? Description,
    string? Brand,
    string? CategoryPath,
    MoneyRequest? Price,
    Dictionary<string, string?>? Attributes,
    List<string?>? Images,
    string? Slug,
    string? Status);

internal sealed record MoneyRequest(decimal? Amount, string? Currency);
