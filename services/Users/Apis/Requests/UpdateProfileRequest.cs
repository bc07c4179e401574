namespace DaprShop.Users.Apis.Requests;

/// <summary>
/// <c>PUT /api/v1/profiles/me</c>: replaces every editable field (a field left out is cleared; marketing opt-in
/// defaults to false). Email and roles are identity's and change only through its events.
/// </summary>
internal sealed record UpdateProfileRequest(
    string? DisplayName,
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Locale,
    bool? MarketingOptIn);
