using System.Text.Json.Nodes;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Security;

/// <summary>The authenticated client of an xAPI request.</summary>
/// <param name="TenantId">The tenant every read and write of this request is confined to.</param>
/// <param name="CredentialKey">The Basic-auth key used.</param>
/// <param name="Scopes">What the credential may do (Communication §4.2).</param>
/// <param name="Authority">The Agent the LRS records as authority of statements this caller writes (Data §2.4.9).</param>
/// <param name="AuthorityKey">The IFI key of <paramref name="Authority"/>, used for <c>statements/read/mine</c>.</param>
public sealed record XapiCaller(Guid TenantId, string CredentialKey, XapiScope Scopes, JsonObject Authority, string AuthorityKey);
