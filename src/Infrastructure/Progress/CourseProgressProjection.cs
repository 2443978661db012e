using System.Data;
using Dapper;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// Maintains <c>lesson_progress</c> and <c>course_progress</c> (migration 0007, docs/decisions/0007) inside the projector's
/// transaction. Like the per-key read models, each (learner, course) pair a batch touches is recomputed from scratch: the
/// learner's non-voided statements about the course's items, and the completion and pass records of those items.
/// </summary>
/// <summary>A course as one learner's recompute left it: its items with the learner's records, and the learner's statements about them.</summary>
internal sealed record CourseState(string CourseId, IReadOnlyList<ItemState> Items, IReadOnlyList<LedgerStatement> Statements)
{
    /// <summary>The learner has touched the course: it has a course_progress row.</summary>
    public bool Started { get; init; }
}

internal static class CourseProgressProjection
{
    public static readonly string[] Tables = ["lesson_progress", "course_progress"];

    private const string Learner = "tenant_id = @tenant AND learner_key = @learner";

    private sealed class Item
    {
        public string ModuleId { get; init; } = string.Empty;

        public string ItemId { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string ActivityId { get; init; } = string.Empty;

        public int Position { get; init; }
    }

    // Dapper expands a list for SQLite; Npgsql takes it as one array parameter.
    private static string In(ProgressSession session, string parameter) => session.Postgres ? $"= ANY(@{parameter})" : $"IN @{parameter}";

    /// <summary>The (learner, courses) pairs with an item that one of <paramref name="touched"/> is about, by learner.</summary>
    public static async Task<IReadOnlyList<(string Learner, IReadOnlyList<string> Courses)>> CoursesTouchedAsync(
        ProgressSession session, Guid tenantId, IEnumerable<LedgerStatement> touched, CancellationToken ct)
    {
        var pairs = new List<(string, IReadOnlyList<string>)>();
        var byLearner = touched
            .Where(s => s.ActorKey is not null && !s.IsVoiding)
            .GroupBy(s => s.ActorKey!, StringComparer.Ordinal);
        foreach (var learner in byLearner)
        {
            var activities = learner.SelectMany(ActivitiesOf).Distinct(StringComparer.Ordinal).ToArray();
            var courses = await session.Connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT DISTINCT course_id FROM course_items WHERE tenant_id = @tenant AND activity_id {In(session, "activities")} ORDER BY course_id",
                new { tenant = session.Dialect.Id(tenantId), activities }, session.Transaction, cancellationToken: ct));
            pairs.Add((learner.Key, courses.ToList()));
        }

        return pairs;
    }

    /// <summary>A statement belongs to a course item when its object, a context parent or a grouping activity is the item's activity.</summary>
    internal static IEnumerable<string> ActivitiesOf(LedgerStatement s) =>
        (s.ObjectId is null ? [] : new[] { s.ObjectId }).Concat(s.ParentIds).Concat(s.GroupingIds);

    /// <summary>
    /// Replaces the learner's lesson and course progress in the course; returns every item of the course with the learner's record
    /// of it, and the learner's statements about the course's items, for the read models built on them (0008).
    /// </summary>
    public static async Task<CourseState> RecomputeAsync(ProgressSession session, Guid tenantId, string learner, string courseId, CancellationToken ct)
    {
        var (connection, tx, dialect) = (session.Connection, session.Transaction, session.Dialect);
        var tenant = dialect.Id(tenantId);
        var items = (await connection.QueryAsync<Item>(new CommandDefinition(
            "SELECT module_id AS ModuleId, item_id AS ItemId, kind AS Kind, activity_id AS ActivityId, position AS Position FROM course_items WHERE tenant_id = @tenant AND course_id = @course",
            new { tenant, course = courseId }, tx, cancellationToken: ct))).ToDictionary(i => i.ActivityId, StringComparer.Ordinal);
        var activities = items.Keys.ToArray();
        var inActivities = In(session, "activities");

        // First and last statement time per item, by the statements' own timestamps (as the attempts use them).
        var seen = new Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
        var statements = new List<LedgerStatement>();
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT s.statement_id, s.payload FROM statements s
            WHERE s.tenant_id = @tenant AND NOT s.is_voiding
              AND EXISTS (SELECT 1 FROM statement_agents g
                          WHERE g.tenant_id = @tenant AND g.statement_id = s.statement_id AND g.agent_key = @learner AND g.direct)
              AND EXISTS (SELECT 1 FROM statement_activities a
                          WHERE a.tenant_id = @tenant AND a.statement_id = s.statement_id AND a.activity_id {inActivities})
              AND NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id)
            """, new { tenant, learner, activities }, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                var statement = LedgerStatement.Parse(dialect.ReadId(reader, 0), reader.GetString(1));
                if (statement.ActorKey != learner)
                {
                    continue;
                }

                statements.Add(statement);

                // 0008: submitting an assignment completes it.
                if (statement.VerbId == ProgressVerbs.Submitted && statement.ObjectId is { } submittedTo
                    && items.TryGetValue(submittedTo, out var submitted) && submitted.Kind == "assignment")
                {
                    completed[submittedTo] = completed.TryGetValue(submittedTo, out var earlier) ? Min(earlier, statement.Timestamp) : statement.Timestamp;
                }

                foreach (var activity in ActivitiesOf(statement).Where(items.ContainsKey).Distinct(StringComparer.Ordinal))
                {
                    seen[activity] = seen.TryGetValue(activity, out var span)
                        ? (Min(span.First, statement.Timestamp), Max(span.Last, statement.Timestamp))
                        : (statement.Timestamp, statement.Timestamp);
                }
            }
        }

        // Completed: the earliest completion record (completed, waived, satisfied, result.completion) or pass, of any registration.
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT activity_id, completed_at FROM completion_records WHERE {Learner} AND activity_id {inActivities}
            UNION ALL
            SELECT activity_id, decided_at FROM pass_fail_records WHERE {Learner} AND activity_id {inActivities} AND outcome = @passed
            """, new { tenant, learner, activities, passed = (short)AttemptOutcome.Passed }, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                var at = dialect.ReadTime(reader, 1);
                var activity = reader.GetString(0);
                completed[activity] = completed.TryGetValue(activity, out var earlier) ? Min(earlier, at) : at;
            }
        }

        var pair = new { tenant, learner, course = courseId };
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM lesson_progress WHERE {Learner} AND course_id = @course", pair, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM course_progress WHERE {Learner} AND course_id = @course", pair, tx, cancellationToken: ct));

        var rows = items.Values
            .Where(i => seen.ContainsKey(i.ActivityId) || completed.ContainsKey(i.ActivityId))
            .Select(i =>
            {
                DateTimeOffset? done = completed.TryGetValue(i.ActivityId, out var c) ? c : null;
                var (first, last) = seen.TryGetValue(i.ActivityId, out var span) ? span : (done!.Value, done!.Value);
                return (Item: i, Viewed: done is { } d ? Min(first, d) : first, Completed: done, Last: done is { } e ? Max(last, e) : last);
            })
            .ToList();
        var states = items.Values.OrderBy(i => i.Position).Select(i =>
        {
            var row = rows.FirstOrDefault(r => r.Item == i);
            return new ItemState(i.ModuleId, i.ItemId, i.ActivityId, i.Kind, i.Position,
                row.Item is null ? null : row.Viewed, row.Completed, row.Item is null ? null : row.Last);
        }).ToList();
        var state = new CourseState(courseId, states, statements);
        if (rows.Count == 0)
        {
            return state;
        }

        foreach (var row in rows)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO lesson_progress (tenant_id, learner_key, course_id, module_id, activity_id, kind, position, viewed_at, completed_at, last_activity_at)
                VALUES (@tenant, @learner, @course, @module, @activity, @kind, @position, @viewed, @completed, @last)
                """,
                Parameters(pair, p =>
                {
                    p.Add("module", row.Item.ModuleId);
                    p.Add("activity", row.Item.ActivityId);
                    p.Add("kind", row.Item.Kind);
                    p.Add("position", row.Item.Position);
                    p.Add("viewed", dialect.Time(row.Viewed));
                    AddTime(session, p, "completed", row.Completed);
                    p.Add("last", dialect.Time(row.Last));
                }), tx, cancellationToken: ct));
        }

        // progress-schema seed: progress_percentage = completed_lessons / total_lessons_in_course × 100 (a course always has a lesson).
        var lessons = rows.Where(r => r.Item.Kind == "lesson").ToList();
        var total = items.Values.Count(i => i.Kind == "lesson");
        var done = lessons.Count(r => r.Completed is not null);
        var percent = Math.Round(done * 100m / total, 2, MidpointRounding.AwayFromZero);
        var complete = done == total;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO course_progress (tenant_id, learner_key, course_id, status, completed_lessons, total_lessons, percent, started_at, completed_at, last_activity_at)
            VALUES (@tenant, @learner, @course, @status, @done, @total, @percent, @started, @completed, @last)
            """,
            Parameters(pair, p =>
            {
                p.Add("status", complete ? "completed" : "in-progress");
                p.Add("done", done);
                p.Add("total", total);
                p.Add("percent", session.Postgres ? percent : (object)(double)percent);
                p.Add("started", dialect.Time(rows.Min(r => r.Viewed)));
                AddTime(session, p, "completed", complete ? lessons.Max(r => r.Completed) : null);
                p.Add("last", dialect.Time(rows.Max(r => r.Last)));
            }), tx, cancellationToken: ct));
        return state with { Started = true };
    }

    private static DynamicParameters Parameters(object pair, Action<DynamicParameters> add)
    {
        var p = new DynamicParameters(pair);
        add(p);
        return p;
    }

    private static void AddTime(ProgressSession session, DynamicParameters p, string name, DateTimeOffset? value)
    {
        if (value is { } t)
        {
            p.Add(name, session.Dialect.Time(t));
        }
        else
        {
            p.Add(name, null, session.Postgres ? DbType.DateTimeOffset : DbType.Int64);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
