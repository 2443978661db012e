using System.Text.Json;
using Lrs.Application.Common;
using Lrs.Application.Courses;
using Lrs.Application.Progress;

namespace Lrs.Application.Reports;

/// <summary>
/// Learners of a course with an assignment past its due date and not completed (progress-schema seed: "overdue based on
/// assigned completion deadlines"). An assignment is due at its <c>dueDate</c>, or <c>dueOffset</c> after the learner
/// started the course; learners who have not started the course are not known to the LRS and are not listed.
/// </summary>
public sealed record OverdueReport(Guid TenantId, string? CourseId, string? Cursor, int? Limit);

public sealed record OverdueAssignment(string AssignmentId, string ActivityId, DateTimeOffset DueAt);

public sealed record OverdueLearner(string LearnerKey, DateTimeOffset? StartedAt, IReadOnlyList<OverdueAssignment> Assignments);

public sealed class OverdueReportHandler(ICourseStore courses, ICourseProgressReader reader, TimeProvider time)
{
    public async Task<XapiResult<Page<OverdueLearner>>> HandleAsync(OverdueReport query, CancellationToken ct)
    {
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((Reports.RequireCourse(query.CourseId) ?? limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        if (await courses.FindAsync(query.TenantId, query.CourseId!, ct) is not { } stored)
        {
            return XapiError.NotFound($"There is no course '{query.CourseId}'.");
        }

        var course = JsonSerializer.Deserialize<CourseDocument>(stored.Document, CourseDocument.Json)!.ToCourse(stored.Id);
        var assignments = course.Modules.SelectMany(m => m.Assignments).Where(a => a.DueDate is not null || a.DueOffset is not null).ToList();
        var now = time.GetUtcNow();
        var from = after.Value!.FirstOrDefault();
        var completed = (await reader.ItemsOfCourseAsync(query.TenantId, stored.Id, "assignment", ct))
            .Where(i => i.CompletedAt is not null)
            .Select(i => (i.LearnerKey, i.ActivityId))
            .ToHashSet();

        var overdue = new List<OverdueLearner>();
        foreach (var learner in await reader.LearnersOfCourseAsync(query.TenantId, stored.Id, ct))
        {
            if (from is not null && string.CompareOrdinal(learner.LearnerKey, from) <= 0)
            {
                continue;
            }

            var late = assignments
                .Select(a => (Assignment: a, Due: a.DueDate ?? learner.StartedAt + a.DueOffset))
                .Where(x => x.Due is { } due && due < now && !completed.Contains((learner.LearnerKey, x.Assignment.ActivityId)))
                .Select(x => new OverdueAssignment(x.Assignment.Id, x.Assignment.ActivityId, x.Due!.Value))
                .ToList();
            if (late.Count > 0)
            {
                overdue.Add(new OverdueLearner(learner.LearnerKey, learner.StartedAt, late));
                if (overdue.Count > limit.Value)
                {
                    break;
                }
            }
        }

        var page = overdue.Take(limit.Value).ToList();
        return new Page<OverdueLearner>(page, overdue.Count > limit.Value ? PageCursor.Encode(page[^1].LearnerKey) : null);
    }
}
