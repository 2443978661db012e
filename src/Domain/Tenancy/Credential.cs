namespace Lrs.Domain.Tenancy;

/// <summary>
/// An xAPI client credential (HTTP Basic key and secret) scoped to one tenant.
/// Only a salted hash of the secret is kept.
/// </summary>
public sealed class Credential
{
    private Credential()
    {
        Key = string.Empty;
        Name = string.Empty;
        SecretHash = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string SecretHash { get; private set; }

    public XapiScope Scopes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static Credential Issue(Guid tenantId, string key, string name, string secretHash, XapiScope scopes, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Contains(':', StringComparison.Ordinal))
        {
            throw new DomainException("A credential key must be non-empty and must not contain ':'.");
        }

        if (scopes == XapiScope.None)
        {
            throw new DomainException("A credential needs at least one scope.");
        }

        return new Credential
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Key = key,
            Name = string.IsNullOrWhiteSpace(name) ? key : name.Trim(),
            SecretHash = secretHash,
            Scopes = scopes,
            CreatedAt = now,
        };
    }

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new DomainException("The credential is already revoked.");
        }

        RevokedAt = now;
    }
}
