namespace DaprShop.Identity.Apis.Requests;

internal sealed record ChangeRolesRequest(IReadOnlyList<string> Roles);
