using Lrs.Domain.Tenancy;

namespace Lrs.Application.Documents;

/// <summary>The three document resources (Communication §2.2): State, Activity Profile, Agent Profile.</summary>
public enum DocumentKind
{
    State,
    ActivityProfile,
    AgentProfile,
}

/// <summary>
/// The documents of one context: a tenant, a kind, and the activity, agent and registration that apply to it
/// (an empty string where the kind has no activity or agent). A null registration is a context of its own.
/// </summary>
public sealed record DocumentContext(Guid TenantId, DocumentKind Kind, string ActivityId, string AgentKey, Guid? Registration);

/// <summary>A document as stored: the bytes exactly as received, their content type, ETag and last change.</summary>
public sealed record StoredDocument(string Id, byte[] Content, string ContentType, string ETag, DateTimeOffset Updated);

/// <summary>A document's id and last change, for multiple-document GET.</summary>
public sealed record DocumentStamp(string Id, DateTimeOffset Updated);

/// <summary>
/// Document storage, confined to the context's tenant. Writes are compare-and-swap on the ETag, so a
/// handler that read a document never overwrites a change made since; the unique key settles racing inserts.
/// </summary>
public interface IDocumentStore
{
    Task<StoredDocument?> FindAsync(DocumentContext context, string id, CancellationToken ct);

    /// <summary>
    /// Ids and update times in the context, updated after <paramref name="since"/> when given; with
    /// <paramref name="anyRegistration"/> the documents of every registration.
    /// </summary>
    Task<IReadOnlyList<DocumentStamp>> ListAsync(DocumentContext context, bool anyRegistration, DateTimeOffset? since, CancellationToken ct);

    /// <summary>
    /// Inserts the document when <paramref name="expectedETag"/> is null, otherwise replaces the stored one whose ETag
    /// is still <paramref name="expectedETag"/>. False when the document changed (or appeared) in the meantime.
    /// </summary>
    Task<bool> SaveAsync(DocumentContext context, StoredDocument document, string? expectedETag, CancellationToken ct);

    /// <summary>Deletes the document if its ETag is still <paramref name="expectedETag"/>; false otherwise.</summary>
    Task<bool> DeleteAsync(DocumentContext context, string id, string expectedETag, CancellationToken ct);

    /// <summary>Deletes every document of the context (every registration when <paramref name="anyRegistration"/>).</summary>
    Task<int> DeleteAllAsync(DocumentContext context, bool anyRegistration, CancellationToken ct);
}

public static class DocumentKinds
{
    /// <summary>The resource's name in messages.</summary>
    public static string Name(this DocumentKind kind) => kind switch
    {
        DocumentKind.State => "State",
        DocumentKind.ActivityProfile => "Activity Profile",
        _ => "Agent Profile",
    };

    /// <summary>Communication §4.2: <c>state</c> / <c>profile</c> read and write their documents, <c>all</c> everything, <c>all/read</c> reads.</summary>
    public static bool Allows(this DocumentKind kind, XapiScope scopes, bool write)
    {
        var own = kind == DocumentKind.State ? XapiScope.State : XapiScope.Profile;
        var granted = own | XapiScope.All | (write ? XapiScope.None : XapiScope.AllRead);
        return (scopes & granted) != 0;
    }
}
