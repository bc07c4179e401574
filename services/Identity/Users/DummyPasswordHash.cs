using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaprShop.Identity.Users;

/// <summary>
/// A hash made once with the same hasher settings as real users' hashes, verified against whenever there is no user
/// to check (unknown tenant or email) or the account is locked, so every failed sign-in costs one PBKDF2
/// verification: no timing difference tells an attacker which emails exist.
/// </summary>
internal sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<AppUser> _hasher = new(options);
    private string? _hash;

    public void Verify(string? password) =>
        _hasher.VerifyHashedPassword(new AppUser(), _hash ??= _hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()), password ?? "");
}
