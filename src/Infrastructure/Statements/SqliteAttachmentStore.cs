using System.Data.Common;
using Dapper;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Statements;

/// <summary>Attachment data on SQLite, one row per tenant and hash.</summary>
public sealed class SqliteAttachmentStore(SqliteConnections connections) : IAttachmentReader
{
    public async Task<IReadOnlyList<AttachmentPayload>> FindAsync(Guid tenantId, IReadOnlyCollection<string> sha2, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var found = new List<AttachmentPayload>();
        foreach (var chunk in sha2.Chunk(500))
        {
            var rows = await connection.QueryAsync<(string, string, byte[])>(new CommandDefinition(
                "SELECT sha2, content_type, content FROM attachments WHERE tenant_id = @tenant AND sha2 IN @sha2 ORDER BY sha2",
                new { tenant = StatementDialect.Sqlite.Id(tenantId), sha2 = chunk }, cancellationToken: ct));
            found.AddRange(rows.Select(r => new AttachmentPayload(r.Item1, r.Item2, r.Item3)));
        }

        return found;
    }

    /// <summary>Inserts attachments not stored yet, in the caller's transaction.</summary>
    internal static async Task InsertAsync(DbConnection connection, DbTransaction tx, Guid tenantId, IReadOnlyList<AttachmentPayload> attachments, CancellationToken ct)
    {
        foreach (var a in attachments)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attachments (tenant_id, sha2, content_type, length, content)
                VALUES (@tenant, @sha2, @type, @length, @content) ON CONFLICT DO NOTHING
                """,
                new { tenant = StatementDialect.Sqlite.Id(tenantId), sha2 = a.Sha2, type = a.ContentType, length = a.Content.Length, content = a.Content },
                tx, cancellationToken: ct));
        }
    }
}
