using Dapper;
using Lrs.Application.Definitions;
using Lrs.Infrastructure.Courses;
using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.LearningPaths;

/// <summary>
/// Competency and achievement definitions on either database, through the progress store's tenant-scoped transactions. Saving
/// one queues the tenant's learners in <c>progress_dirty</c> (kind <c>definitions</c>) in the same transaction.
/// </summary>
public sealed class DefinitionStore(ProgressStore store) : IDefinitionStore
{
    public async Task<bool> SaveAsync(Guid tenantId, string kind, string id, string name, string document, DateTimeOffset now, CancellationToken ct)
    {
        var (table, column) = Table(kind);
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var (connection, tx, dialect) = (session.Connection, session.Transaction, session.Dialect);
        var tenant = dialect.Id(tenantId);
        var created = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {table} WHERE tenant_id = @tenant AND {column} = @id", new { tenant, id }, tx, cancellationToken: ct)) == 0;
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {table} (tenant_id, {column}, name, document, created, updated) VALUES (@tenant, @id, @name, @document, @now, @now)
            ON CONFLICT (tenant_id, {column}) DO UPDATE SET name = excluded.name, document = excluded.document, updated = excluded.updated
            """, new { tenant, id, name, document, now = dialect.Time(now) }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.MarkDirty, new { tenant, kind = "definitions", id = "all" }, tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return created;
    }

    public async Task<string?> FindAsync(Guid tenantId, string kind, string id, CancellationToken ct)
    {
        var (table, column) = Table(kind);
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var document = await session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT document FROM {table} WHERE tenant_id = @tenant AND {column} = @id",
            new { tenant = session.Dialect.Id(tenantId), id }, session.Transaction, cancellationToken: ct));
        await session.CommitAsync(ct);
        return document;
    }

    private static (string Table, string Column) Table(string kind) => kind == DefinitionHandler.Competency
        ? ("competencies", "competency_id")
        : ("achievements", "achievement_id");
}
