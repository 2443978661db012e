using System.Data.Common;
using Dapper;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// Reads <c>course_progress</c> and <c>lesson_progress</c> in one transaction per call, with <c>lrs.tenant_id</c> set on
/// PostgreSQL. Ids compare in "C" collation on PostgreSQL and by bytes on SQLite, so keyset pages follow the indexes.
/// </summary>
public sealed class CourseProgressReader(ProgressStore store) : ICourseProgressReader
{
    private const string CourseColumns = "learner_key, course_id, status, completed_lessons, total_lessons, percent, started_at, completed_at, last_activity_at";
    private const string ItemColumns = "learner_key, course_id, module_id, activity_id, kind, position, viewed_at, completed_at, last_activity_at";

    public Task<IReadOnlyList<CourseProgressView>> CoursesOfLearnerAsync(Guid tenantId, string learnerKey, string? afterCourse, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, CourseRow,
            $"""
            SELECT {CourseColumns} FROM course_progress
            WHERE tenant_id = @tenant AND learner_key = @learner {(afterCourse is null ? string.Empty : "AND course_id > @after")}
            ORDER BY course_id LIMIT @limit
            """, new { tenant, learner = learnerKey, after = afterCourse, limit }, ct));

    public Task<IReadOnlyList<LessonProgressView>> ItemsOfLearnerAsync(
        Guid tenantId, string learnerKey, string? courseId, (string CourseId, int Position)? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, ItemRow,
            $"""
            SELECT {ItemColumns} FROM lesson_progress
            WHERE tenant_id = @tenant AND learner_key = @learner
              {(courseId is null ? string.Empty : "AND course_id = @course")}
              {(after is null ? string.Empty : "AND (course_id > @afterCourse OR (course_id = @afterCourse AND position > @afterPosition))")}
            ORDER BY course_id, position LIMIT @limit
            """, new { tenant, learner = learnerKey, course = courseId, afterCourse = after?.CourseId, afterPosition = after?.Position, limit }, ct));

    public Task<IReadOnlyList<CourseCompletionCount>> CompletionCountsAsync(Guid tenantId, string? afterCourse, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, r => new CourseCompletionCount(r.GetString(0), Int(r, 1), Int(r, 2)),
            $"""
            SELECT c.course_id, COUNT(p.learner_key), COALESCE(SUM(CASE WHEN p.status = 'completed' THEN 1 ELSE 0 END), 0)
            FROM courses c LEFT JOIN course_progress p ON p.tenant_id = c.tenant_id AND p.course_id = c.course_id
            WHERE c.tenant_id = @tenant {(afterCourse is null ? string.Empty : "AND c.course_id > @after")}
            GROUP BY c.course_id ORDER BY c.course_id LIMIT @limit
            """, new { tenant, after = afterCourse, limit }, ct));

    public Task<IReadOnlyList<LessonViewCount>> LessonViewsAsync(Guid tenantId, string courseId, int? afterPosition, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, r => new LessonViewCount(r.GetString(0), r.GetString(1), Int(r, 2), Int(r, 3), Int(r, 4)),
            $"""
            SELECT i.module_id, i.activity_id, i.position, COUNT(p.learner_key),
                   COALESCE(SUM(CASE WHEN p.learner_key IS NOT NULL AND p.completed_at IS NULL THEN 1 ELSE 0 END), 0)
            FROM course_items i LEFT JOIN lesson_progress p
                ON p.tenant_id = i.tenant_id AND p.course_id = i.course_id AND p.activity_id = i.activity_id
            WHERE i.tenant_id = @tenant AND i.course_id = @course AND i.kind = 'lesson'
              {(afterPosition is null ? string.Empty : "AND i.position > @after")}
            GROUP BY i.module_id, i.activity_id, i.position ORDER BY i.position LIMIT @limit
            """, new { tenant, course = courseId, after = afterPosition, limit }, ct));

    public Task<IReadOnlyList<CourseProgressView>> LearnersOfCourseAsync(Guid tenantId, string courseId, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, CourseRow,
            $"SELECT {CourseColumns} FROM course_progress WHERE tenant_id = @tenant AND course_id = @course ORDER BY learner_key",
            new { tenant, course = courseId }, ct));

    public Task<IReadOnlyList<LessonProgressView>> ItemsOfCourseAsync(Guid tenantId, string courseId, string kind, CancellationToken ct) =>
        ReadAsync(tenantId, ct, (s, tenant) => Rows(s, ItemRow,
            $"SELECT {ItemColumns} FROM lesson_progress WHERE tenant_id = @tenant AND course_id = @course AND kind = @kind ORDER BY learner_key, position",
            new { tenant, course = courseId, kind }, ct));

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        Guid tenantId, CancellationToken ct, Func<ProgressSession, object, Task<IReadOnlyList<T>>> read)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var rows = await read(session, session.Dialect.Id(tenantId));
        await session.CommitAsync(ct);
        return rows;
    }

    private static async Task<IReadOnlyList<T>> Rows<T>(
        ProgressSession session, Func<DbDataReader, T> map, string sql, object parameters, CancellationToken ct)
    {
        // Unused optional filters leave their parameters null; PostgreSQL must not be asked to infer types for them.
        var bound = new DynamicParameters();
        foreach (var property in parameters.GetType().GetProperties())
        {
            if (property.GetValue(parameters) is { } value)
            {
                bound.Add(property.Name, value);
            }
        }

        var rows = new List<T>();
        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(sql, bound, session.Transaction, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private CourseProgressView CourseRow(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3), Int(r, 4), Convert.ToDecimal(r.GetValue(5), null),
        Time(r, 6), Time(r, 7), Time(r, 8));

    private LessonProgressView ItemRow(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Int(r, 5),
        Dialect.ReadTime(r, 6), Time(r, 7), Dialect.ReadTime(r, 8));

    private StatementDialect Dialect => store.Dialect;

    private DateTimeOffset? Time(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Dialect.ReadTime(r, ordinal);

    private static int Int(DbDataReader r, int ordinal) => Convert.ToInt32(r.GetValue(ordinal), null);
}
