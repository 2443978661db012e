using Dapper;
using Lrs.Application.Documents;
using Npgsql;

namespace Lrs.Infrastructure.Documents;

/// <summary>
/// Documents on PostgreSQL. Every transaction first sets <c>lrs.tenant_id</c>, which the row-level security policy
/// of <c>documents</c> checks, besides the explicit tenant filter.
/// </summary>
public sealed class PostgresDocumentStore(NpgsqlDataSource dataSource) : IDocumentStore
{
    private const string SetTenant = "SELECT set_config('lrs.tenant_id', @tenant::text, true)";

    public Task<StoredDocument?> FindAsync(DocumentContext context, string id, CancellationToken ct) =>
        InTenantAsync(context, ct, async (connection, tx) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {DocumentSql.Columns} FROM documents WHERE {DocumentSql.Context} AND {Registration(context)} AND document_id = @id",
                Parameters(context, new { id }), tx, cancellationToken: ct));
            return row?.ToDocument();
        });

    public Task<IReadOnlyList<DocumentStamp>> ListAsync(DocumentContext context, bool anyRegistration, DateTimeOffset? since, CancellationToken ct) =>
        InTenantAsync(context, ct, async (connection, tx) =>
        {
            var sql = $"SELECT document_id AS Id, updated AS Updated FROM documents WHERE {DocumentSql.Context}"
                + (anyRegistration ? string.Empty : " AND " + Registration(context))
                + (since is null ? string.Empty : " AND updated > @since")
                + " ORDER BY updated, document_id";
            var rows = await connection.QueryAsync<(string Id, DateTime Updated)>(new CommandDefinition(
                sql, Parameters(context, new { since = since?.UtcDateTime }), tx, cancellationToken: ct));
            return (IReadOnlyList<DocumentStamp>)rows.Select(r => new DocumentStamp(r.Id, new DateTimeOffset(r.Updated, TimeSpan.Zero))).ToList();
        });

    public Task<bool> SaveAsync(DocumentContext context, StoredDocument document, string? expectedETag, CancellationToken ct) =>
        InTenantAsync(context, ct, async (connection, tx) =>
        {
            var sql = expectedETag is null
                ? """
                  INSERT INTO documents (tenant_id, kind, activity_id, agent_key, registration, document_id, content, content_type, etag, updated)
                  VALUES (@tenant, @kind, @activity, @agent, @registration, @id, @content, @contentType, @etag, @updated)
                  ON CONFLICT DO NOTHING
                  """
                : $"""
                  UPDATE documents SET content = @content, content_type = @contentType, etag = @etag, updated = @updated
                  WHERE {DocumentSql.Context} AND {Registration(context)} AND document_id = @id AND etag = @expected
                  """;
            var changed = await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(context, new
            {
                id = document.Id, content = document.Content, contentType = document.ContentType, etag = document.ETag,
                updated = document.Updated.UtcDateTime, expected = expectedETag,
            }), tx, cancellationToken: ct));
            return changed == 1;
        });

    public Task<bool> DeleteAsync(DocumentContext context, string id, string expectedETag, CancellationToken ct) =>
        InTenantAsync(context, ct, async (connection, tx) => await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM documents WHERE {DocumentSql.Context} AND {Registration(context)} AND document_id = @id AND etag = @expected",
            Parameters(context, new { id, expected = expectedETag }), tx, cancellationToken: ct)) == 1);

    public Task<int> DeleteAllAsync(DocumentContext context, bool anyRegistration, CancellationToken ct) =>
        InTenantAsync(context, ct, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM documents WHERE {DocumentSql.Context}" + (anyRegistration ? string.Empty : " AND " + Registration(context)),
            Parameters(context, null), tx, cancellationToken: ct)));

    // "= NULL" matches nothing, and IS NOT DISTINCT FROM cannot use the key's index: spell out the null case.
    private static string Registration(DocumentContext context) =>
        context.Registration is null ? "registration IS NULL" : "registration = @registration";

    private static DynamicParameters Parameters(DocumentContext context, object? more)
    {
        var parameters = new DynamicParameters(more);
        parameters.AddDynamicParams(new
        {
            tenant = context.TenantId, kind = DocumentSql.Kind(context.Kind), activity = context.ActivityId,
            agent = context.AgentKey, registration = context.Registration,
        });
        return parameters;
    }

    private async Task<T> InTenantAsync<T>(DocumentContext context, CancellationToken ct, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetTenant, new { tenant = context.TenantId }, tx, cancellationToken: ct));
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    private sealed class Row
    {
        public string Id { get; init; } = string.Empty;

        public byte[] Content { get; init; } = [];

        public string ContentType { get; init; } = string.Empty;

        public string ETag { get; init; } = string.Empty;

        public DateTime Updated { get; init; }

        public StoredDocument ToDocument() => new(Id, Content, ContentType, ETag, new DateTimeOffset(Updated, TimeSpan.Zero));
    }
}
