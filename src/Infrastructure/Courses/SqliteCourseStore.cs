using System.Globalization;
using Dapper;
using Lrs.Application.Courses;
using Lrs.Domain.Courses;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Courses;

/// <summary>Courses on SQLite, for the embedded default. Tenancy is enforced by the queries alone.</summary>
public sealed class SqliteCourseStore(SqliteConnections connections) : ICourseStore
{
    public async Task<bool> SaveAsync(Guid tenantId, Course course, string document, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = Tenant(tenantId);
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM courses WHERE tenant_id = @tenant AND course_id = @id", new { tenant, id = course.Id }, tx, cancellationToken: ct)) > 0;
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.Upsert,
            new { tenant, id = course.Id, title = course.Title, document, now = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.DeleteItems, new { tenant, id = course.Id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.InsertItem, CourseSql.Items(course, tenant), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CourseSql.MarkDirty, new { tenant, kind = "course", id = course.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return !exists;
    }

    public async Task<StoredCourse?> FindAsync(Guid tenantId, string id, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            CourseSql.Find, new { tenant = Tenant(tenantId), id }, cancellationToken: ct)))?.ToStored();
    }

    public async Task<IReadOnlyList<StoredCourse>> ListAsync(Guid tenantId, string? after, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            CourseSql.List, new { tenant = Tenant(tenantId), after, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToStored()).ToList();
    }

    public async Task<IReadOnlyList<StoredCourse>> ContainingActivityAsync(Guid tenantId, string activityId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            CourseSql.ContainingActivity, new { tenant = Tenant(tenantId), activity = activityId }, cancellationToken: ct));
        return rows.Select(r => r.ToStored()).ToList();
    }

    private static string Tenant(Guid tenantId) => tenantId.ToString("D", CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string Id { get; init; } = string.Empty;

        public string Document { get; init; } = string.Empty;

        public long Created { get; init; }

        public long Updated { get; init; }

        public StoredCourse ToStored() =>
            new(Id, Document, DateTimeOffset.FromUnixTimeMilliseconds(Created), DateTimeOffset.FromUnixTimeMilliseconds(Updated));
    }
}
