using Lrs.Application.Security;
using Lrs.Domain;

namespace Lrs.Application.Tenancy;

/// <summary>Revoke an xAPI credential: from now on its key and secret are refused (401).</summary>
public sealed record RevokeCredential(string Key);

public sealed class RevokeCredentialHandler(ITenancyStore store, VerifiedCredentials verified, TimeProvider time)
{
    public async Task HandleAsync(RevokeCredential command, CancellationToken ct)
    {
        if (!await store.RevokeCredentialAsync(command.Key, time.GetUtcNow(), ct))
        {
            throw new DomainException($"There is no active credential with key '{command.Key}'.");
        }

        // This process's recent verifications must not keep the credential alive; other processes forget theirs
        // within XapiAuthOptions.VerifiedCacheTime.
        verified.Clear();
    }
}
