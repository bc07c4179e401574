using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// A hash made once with the real hasher, verified against whenever there is no user to check (unknown tenant or
/// email) or the account is locked, so every failed sign-in costs one PBKDF2 verification: no timing difference
/// tells an attacker which emails exist.
/// </summary>
internal sealed class DummyPasswordHash(IPasswordHasher<AppUser> hasher)
{
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public void Verify(string? password) => hasher.VerifyHashedPassword(new AppUser(), _hash.Value, password ?? "");
}
