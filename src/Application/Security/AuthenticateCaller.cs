using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Tenancy;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Security;

/// <summary>Options of xAPI authentication (configuration section <c>Lrs:Xapi</c>).</summary>
public sealed class XapiAuthOptions
{
    /// <summary>The account homePage of the authority Agent the LRS records for each credential (Data §2.4.9).</summary>
    public string AuthorityHomePage { get; set; } = "http://localhost/xapi/credentials";

    /// <summary>How long a verified key/secret pair is trusted without re-hashing the secret.</summary>
    public TimeSpan VerifiedCacheTime { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Turns HTTP Basic credentials into an <see cref="XapiCaller"/>. Secrets are stored as slow salted hashes, so
/// successful verifications are remembered briefly (by a fast hash of key and secret) to keep requests cheap.
/// </summary>
public sealed class AuthenticateCaller(ITenancyStore store, XapiAuthOptions options, VerifiedCredentials verified, TimeProvider time)
{
    public async Task<XapiCaller?> HandleAsync(string key, string secret, CancellationToken ct)
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key + "\n" + secret)));
        if (verified.Entries.TryGetValue(fingerprint, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Caller;
        }

        // Concurrent requests with the same uncached credential share one lookup and one slow hash: hundreds of clients
        // starting at once would otherwise each take a database connection and a PBKDF2 run.
        var pending = new Lazy<Task<XapiCaller?>>(() => VerifyAsync(fingerprint, key, secret));
        var flight = verified.InFlight.GetOrAdd(fingerprint, pending);
        try
        {
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            if (ReferenceEquals(flight, pending))
            {
                verified.InFlight.TryRemove(KeyValuePair.Create(fingerprint, pending));
            }
        }
    }

    // Not cancellable: other requests may be waiting for the same verification.
    private async Task<XapiCaller?> VerifyAsync(string fingerprint, string key, string secret)
    {
        var credential = await store.FindCredentialAsync(key, CancellationToken.None);
        if (credential is null || !credential.IsActive || !SecretHasher.Verify(secret, credential.SecretHash))
        {
            verified.Entries.TryRemove(fingerprint, out _);
            return null;
        }

        var authority = new JsonObject
        {
            ["objectType"] = "Agent",
            ["name"] = credential.Name,
            ["account"] = new JsonObject { ["homePage"] = options.AuthorityHomePage, ["name"] = credential.Key },
        };
        var caller = new XapiCaller(credential.TenantId, credential.Key, credential.Scopes, authority,
            AgentIdentity.Account(options.AuthorityHomePage, credential.Key).Key);
        verified.Entries[fingerprint] = (caller, time.GetUtcNow() + options.VerifiedCacheTime);
        return caller;
    }
}

/// <summary>Recently verified credentials of this process, keyed by a fast hash of key and secret.</summary>
public sealed class VerifiedCredentials
{
    public ConcurrentDictionary<string, (XapiCaller Caller, DateTimeOffset Until)> Entries { get; } = new();

    /// <summary>Verifications under way, so concurrent requests with the same credential wait for one.</summary>
    internal ConcurrentDictionary<string, Lazy<Task<XapiCaller?>>> InFlight { get; } = new();

    /// <summary>Forgets every cached verification, e.g. after a credential was revoked.</summary>
    public void Clear() => Entries.Clear();
}
