using Dapper;
using Lrs.Application.Courses;
using Lrs.Domain.Courses;
using Npgsql;

namespace Lrs.Infrastructure.Courses;

/// <summary>Courses on PostgreSQL; every transaction sets <c>lrs.tenant_id</c> for row-level security first.</summary>
public sealed class PostgresCourseStore(NpgsqlDataSource dataSource) : ICourseStore
{
    public Task<bool> SaveAsync(Guid tenantId, Course course, string document, DateTimeOffset now, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, async (connection, tx) =>
        {
            // xmax = 0 only on a freshly inserted row: tells created from replaced in the same round trip.
            var created = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                CourseSql.Upsert + " RETURNING (xmax = 0)",
                new { tenant = tenantId, id = course.Id, title = course.Title, document, now = now.UtcDateTime }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(CourseSql.DeleteItems, new { tenant = tenantId, id = course.Id }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(CourseSql.InsertItem, CourseSql.Items(course, tenantId), tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(CourseSql.MarkDirty, new { tenant = tenantId, kind = "course", id = course.Id }, tx, cancellationToken: ct));
            return created;
        });

    public Task<StoredCourse?> FindAsync(Guid tenantId, string id, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, async (connection, tx) =>
            (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                CourseSql.Find, new { tenant = tenantId, id }, tx, cancellationToken: ct)))?.ToStored());

    public Task<IReadOnlyList<StoredCourse>> ListAsync(Guid tenantId, string? after, int limit, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                CourseSql.List.Replace("@after IS NULL", "@after::text IS NULL", StringComparison.Ordinal),
                new { tenant = tenantId, after, limit }, tx, cancellationToken: ct));
            return (IReadOnlyList<StoredCourse>)rows.Select(r => r.ToStored()).ToList();
        });

    public Task<IReadOnlyList<StoredCourse>> ContainingActivityAsync(Guid tenantId, string activityId, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                CourseSql.ContainingActivity, new { tenant = tenantId, activity = activityId }, tx, cancellationToken: ct));
            return (IReadOnlyList<StoredCourse>)rows.Select(r => r.ToStored()).ToList();
        });

    private sealed class Row
    {
        public string Id { get; init; } = string.Empty;

        public string Document { get; init; } = string.Empty;

        public DateTime Created { get; init; }

        public DateTime Updated { get; init; }

        public StoredCourse ToStored() =>
            new(Id, Document, new DateTimeOffset(Created, TimeSpan.Zero), new DateTimeOffset(Updated, TimeSpan.Zero));
    }
}
