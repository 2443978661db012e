namespace Lrs.Application.Statements.Attachments;

/// <summary>
/// The raw data of an attachment (Data §2.4.11, Communication §1.5.2), identified by its SHA-2 hash in
/// lower-case hex. Stored once per tenant and hash, however many statements reference it.
/// </summary>
public sealed record AttachmentPayload(string Sha2, string ContentType, byte[] Content);

/// <summary>Reads stored attachment data. Every call is confined to one tenant.</summary>
public interface IAttachmentReader
{
    /// <summary>The stored attachments among <paramref name="sha2"/> (lower-case hex); unknown hashes are left out.</summary>
    Task<IReadOnlyList<AttachmentPayload>> FindAsync(Guid tenantId, IReadOnlyCollection<string> sha2, CancellationToken ct);
}
