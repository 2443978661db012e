namespace Lrs.Domain.Tenancy;

/// <summary>What a portal admin may do: owners also manage tenants, credentials and admins.</summary>
public enum AdminRole
{
    Viewer = 0,
    Owner = 1,
}

/// <summary>
/// A person who signs in to the admin portal. Admins operate the whole LRS, not one tenant: they choose the tenant
/// they look at. Only a salted hash of the password is kept.
/// </summary>
public sealed class AdminAccount
{
    private AdminAccount()
    {
        Email = string.Empty;
        PasswordHash = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The sign-in name, trimmed and lower-cased so that it compares case-insensitively.</summary>
    public string Email { get; private set; }

    public string PasswordHash { get; private set; }

    public AdminRole Role { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static AdminAccount Create(string email, string passwordHash, AdminRole role, DateTimeOffset now)
    {
        var normalised = NormaliseEmail(email);
        var at = normalised.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == normalised.Length - 1 || normalised.Any(char.IsWhiteSpace))
        {
            throw new DomainException($"'{email}' is not an e-mail address.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainException($"Unknown admin role {role}.");
        }

        return new AdminAccount { Id = Guid.CreateVersion7(), Email = normalised, PasswordHash = passwordHash, Role = role, CreatedAt = now };
    }

    public static string NormaliseEmail(string email) => (email ?? string.Empty).Trim().ToLowerInvariant();
}
