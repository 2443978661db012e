using System.Security.Cryptography;

namespace Lrs.Application.Security;

/// <summary>Salted PBKDF2-SHA256 hashes for credential secrets, in the form <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
public static class SecretHasher
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string secret, string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations) || iterations <= 0)
        {
            return false;
        }

        // A corrupt stored hash must fail verification, not throw; an empty hash would otherwise match any secret.
        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength)
            || !Convert.TryFromBase64String(parts[3], expected, out var expectedLength) || expectedLength == 0)
        {
            return false;
        }

        salt = salt[..saltLength];
        expected = expected[..expectedLength];
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A random secret suitable for a new credential.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
