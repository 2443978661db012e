using Dapper;
using Lrs.Application.Statements.Attachments;
using Npgsql;
using NpgsqlTypes;

namespace Lrs.Infrastructure.Statements;

/// <summary>Attachment data on PostgreSQL, one row per tenant and hash, under the same row-level security as statements.</summary>
public sealed class PostgresAttachmentStore(NpgsqlDataSource dataSource) : IAttachmentReader
{
    public async Task<IReadOnlyList<AttachmentPayload>> FindAsync(Guid tenantId, IReadOnlyCollection<string> sha2, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant = tenantId }, tx, cancellationToken: ct));
        var rows = await connection.QueryAsync<(string, string, byte[])>(new CommandDefinition(
            "SELECT sha2, content_type, content FROM attachments WHERE tenant_id = @tenant AND sha2 = ANY(@sha2) ORDER BY sha2",
            new { tenant = tenantId, sha2 = sha2.ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows.Select(r => new AttachmentPayload(r.Item1, r.Item2, r.Item3)).ToList();
    }

    /// <summary>Inserts attachments not stored yet, in the caller's transaction (tenant already set).</summary>
    internal static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid tenantId, IReadOnlyList<AttachmentPayload> attachments, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO attachments (tenant_id, sha2, content_type, length, content)
            SELECT @tenant, * FROM unnest(@sha2, @types, @lengths, @contents) ON CONFLICT DO NOTHING
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter("sha2", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attachments.Select(a => a.Sha2).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attachments.Select(a => a.ContentType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("lengths", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = attachments.Select(a => (long)a.Content.Length).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("contents", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = attachments.Select(a => a.Content).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
