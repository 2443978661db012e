using Lrs.Application.Documents;

namespace Lrs.Infrastructure.Documents;

/// <summary>What the two document stores share: the kind's stored name.</summary>
internal static class DocumentSql
{
    public static string Kind(DocumentKind kind) => kind switch
    {
        DocumentKind.State => "state",
        DocumentKind.ActivityProfile => "activity_profile",
        _ => "agent_profile",
    };

    public const string Columns = "document_id AS Id, content AS Content, content_type AS ContentType, etag AS ETag, updated AS Updated";

    public const string Context = "tenant_id = @tenant AND kind = @kind AND activity_id = @activity AND agent_key = @agent";
}
