namespace DaprShop.Cart.Apis.Requests;

/// <summary>Add <c>quantity</c> (1–99) units of a product; with a line already there the quantities are summed (at most 99).</summary>
internal sealed record AddItemRequest(Guid? ProductId, int? Quantity);

/// <summary>A line's new quantity (1–99; remove the line to drop it).</summary>
internal sealed record SetQuantityRequest(int? Quantity);

/// <summary>A guest's line change: the product and its new quantity (1–99).</summary>
internal sealed record GuestSetQuantityRequest(Guid? ProductId, int? Quantity);

/// <summary>The guest cart to merge into the caller's cart (its id, as <c>POST /api/v1/cart/guest</c> gave it).</summary>
internal sealed record MergeRequest(string? GuestCartId);

/// <summary>The destination the totals are for: ISO 3166-1 alpha-2 country and, optionally, a region code.</summary>
internal sealed record DestinationQuery(string? Country, string? Region);
