using Dapper;
using Lrs.Application.LearningPaths;
using Lrs.Infrastructure.Courses;
using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.LearningPaths;

/// <summary>
/// Learning paths on either database, through the progress store's tenant-scoped transactions: the document, one
/// <c>learning_path_courses</c> row per course in order, and the path queued in <c>progress_dirty</c>, in one transaction.
/// </summary>
public sealed class LearningPathStore(ProgressStore store) : ILearningPathStore
{
    public async Task<bool> SaveAsync(Guid tenantId, LearningPathDocument path, string document, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var (connection, tx, dialect) = (session.Connection, session.Transaction, session.Dialect);
        var key = new { tenant = dialect.Id(tenantId), id = path.Id };
        var created = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM learning_paths WHERE tenant_id = @tenant AND path_id = @id", key, tx, cancellationToken: ct)) == 0;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO learning_paths (tenant_id, path_id, title, document, created, updated) VALUES (@tenant, @id, @title, @document, @now, @now)
            ON CONFLICT (tenant_id, path_id) DO UPDATE SET title = excluded.title, document = excluded.document, updated = excluded.updated
            """, new { key.tenant, key.id, title = path.Title, document, now = dialect.Time(now) }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM learning_path_courses WHERE tenant_id = @tenant AND path_id = @id", key, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO learning_path_courses (tenant_id, path_id, course_id, position) VALUES (@tenant, @id, @course, @position)",
            path.Courses!.Select((course, position) => new { key.tenant, key.id, course, position }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.MarkDirty, new { key.tenant, kind = "path", key.id }, tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return created;
    }

    public async Task<string?> FindAsync(Guid tenantId, string id, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var document = await session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT document FROM learning_paths WHERE tenant_id = @tenant AND path_id = @id",
            new { tenant = session.Dialect.Id(tenantId), id }, session.Transaction, cancellationToken: ct));
        await session.CommitAsync(ct);
        return document;
    }
}
