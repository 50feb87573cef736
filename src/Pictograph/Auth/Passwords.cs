using Microsoft.AspNetCore.Identity;

namespace Pictograph.Auth;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2, versioned, rehash-aware): no home-made crypto.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Anyone = new();

    public static string Hash(string password) => Hasher.HashPassword(Anyone, password);

    public static bool Verify(string? hash, string password) =>
        hash is not null && Hasher.VerifyHashedPassword(Anyone, hash, password) != PasswordVerificationResult.Failed;
}
