using System.Globalization;
using Dapper;
using Lrs.Application.Documents;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Documents;

/// <summary>Documents on SQLite, for the embedded default. Tenancy is enforced by the queries alone.</summary>
public sealed class SqliteDocumentStore(SqliteConnections connections) : IDocumentStore
{
    // The key indexes COALESCE(registration, ''), so the queries compare that expression and use the index.
    private const string Registration = "COALESCE(registration, '') = @registration";

    public async Task<StoredDocument?> FindAsync(DocumentContext context, string id, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {DocumentSql.Columns} FROM documents WHERE {DocumentSql.Context} AND {Registration} AND document_id = @id",
            Parameters(context, new { id }), cancellationToken: ct));
        return row?.ToDocument();
    }

    public async Task<IReadOnlyList<DocumentStamp>> ListAsync(DocumentContext context, bool anyRegistration, DateTimeOffset? since, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var sql = $"SELECT document_id AS Id, updated AS Updated FROM documents WHERE {DocumentSql.Context}"
            + (anyRegistration ? string.Empty : " AND " + Registration)
            + (since is null ? string.Empty : " AND updated > @since")
            + " ORDER BY updated, document_id";
        var rows = await connection.QueryAsync<(string Id, long Updated)>(new CommandDefinition(
            sql, Parameters(context, new { since = since?.ToUnixTimeMilliseconds() }), cancellationToken: ct));
        return rows.Select(r => new DocumentStamp(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.Updated))).ToList();
    }

    public async Task<bool> SaveAsync(DocumentContext context, StoredDocument document, string? expectedETag, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var sql = expectedETag is null
            ? """
              INSERT INTO documents (tenant_id, kind, activity_id, agent_key, registration, document_id, content, content_type, etag, updated)
              VALUES (@tenant, @kind, @activity, @agent, NULLIF(@registration, ''), @id, @content, @contentType, @etag, @updated)
              ON CONFLICT DO NOTHING
              """
            : $"""
              UPDATE documents SET content = @content, content_type = @contentType, etag = @etag, updated = @updated
              WHERE {DocumentSql.Context} AND {Registration} AND document_id = @id AND etag = @expected
              """;
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(context, new
        {
            id = document.Id, content = document.Content, contentType = document.ContentType, etag = document.ETag,
            updated = document.Updated.ToUnixTimeMilliseconds(), expected = expectedETag,
        }), cancellationToken: ct));
        return changed == 1;
    }

    public async Task<bool> DeleteAsync(DocumentContext context, string id, string expectedETag, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM documents WHERE {DocumentSql.Context} AND {Registration} AND document_id = @id AND etag = @expected",
            Parameters(context, new { id, expected = expectedETag }), cancellationToken: ct)) == 1;
    }

    public async Task<int> DeleteAllAsync(DocumentContext context, bool anyRegistration, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM documents WHERE {DocumentSql.Context}" + (anyRegistration ? string.Empty : " AND " + Registration),
            Parameters(context, null), cancellationToken: ct));
    }

    private static DynamicParameters Parameters(DocumentContext context, object? more)
    {
        var parameters = new DynamicParameters(more);
        parameters.AddDynamicParams(new
        {
            tenant = context.TenantId.ToString("D", CultureInfo.InvariantCulture), kind = DocumentSql.Kind(context.Kind),
            activity = context.ActivityId, agent = context.AgentKey,
            registration = context.Registration?.ToString("D", CultureInfo.InvariantCulture) ?? string.Empty,
        });
        return parameters;
    }

    private sealed class Row
    {
        public string Id { get; init; } = string.Empty;

        public byte[] Content { get; init; } = [];

        public string ContentType { get; init; } = string.Empty;

        public string ETag { get; init; } = string.Empty;

        public long Updated { get; init; }

        public StoredDocument ToDocument() => new(Id, Content, ContentType, ETag, DateTimeOffset.FromUnixTimeMilliseconds(Updated));
    }
}
