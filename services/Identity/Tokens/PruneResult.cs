namespace DaprShop.Identity.Tokens;

internal sealed record PruneResult(int ExpiredTokens, int SpentTokens, long Authorizations);
