using System.Text;
using System.Text.Json;
using Dapper;
using Lrs.Application.Courses;
using Lrs.Application.Definitions;
using Lrs.Application.Progress;
using Lrs.Domain;
using Lrs.Domain.Courses;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// Recomputes one learner's progress in some courses inside the projector's transaction (docs/decisions/0007, 0008): lesson and
/// course progress, then module progress, quiz attempts and assignment submissions of those courses, then the learner's
/// learning-path and user progress. Returns the facts that became true, from the learner's rows before and after.
/// </summary>
internal static class LearnerProgressProjection
{
    public static async Task<IReadOnlyList<LearnerFact>> RecomputeAsync(
        ProgressSession session, Guid tenantId, string learner, IEnumerable<string> courses, CancellationToken ct)
    {
        var before = await LearnerRows.SnapshotAsync(session, tenantId, learner, ct);
        var attempts = await session.ReadAttemptsAsync(tenantId, learner, ct);
        foreach (var course in courses.Distinct(StringComparer.Ordinal))
        {
            var state = await CourseProgressProjection.RecomputeAsync(session, tenantId, learner, course, ct);
            await LearnerRows.DeleteCourseAsync(session, tenantId, learner, course, ct);
            if (!state.Started)
            {
                continue;
            }

            await LearnerRows.InsertModulesAsync(session, tenantId, LearnerDerivation.Modules(learner, course, state.Items), ct);
            var questions = await QuestionsAsync(session, tenantId, course, ct);
            foreach (var quiz in state.Items.Where(i => i.Kind == "quiz"))
            {
                await LearnerRows.InsertQuizAttemptsAsync(session, tenantId,
                    LearnerDerivation.QuizAttempts(learner, course, quiz, questions.GetValueOrDefault(quiz.ActivityId) ?? [], attempts), ct);
            }

            foreach (var assignment in state.Items.Where(i => i.Kind == "assignment"))
            {
                await LearnerRows.InsertSubmissionsAsync(session, tenantId, LearnerDerivation.Submissions(learner, course, assignment, state.Statements), ct);
            }
        }

        await RecomputeLearnerWideAsync(session, tenantId, learner, attempts, ct);
        return LearnerFacts.Between(tenantId, learner, before, await LearnerRows.SnapshotAsync(session, tenantId, learner, ct));
    }

    /// <summary>The learner's learning-path progress and totals, from their course, module, quiz and submission rows.</summary>
    private static async Task RecomputeLearnerWideAsync(
        ProgressSession session, Guid tenantId, string learner, IReadOnlyList<AttemptView> attempts, CancellationToken ct)
    {
        var courses = await LearnerRows.CoursesAsync(session, tenantId, learner, ct);
        var progress = courses.ToDictionary(c => c.CourseId, StringComparer.Ordinal);
        var pathCourses = await LearnerRows.Rows(session, r => (Path: r.GetString(0), Course: r.GetString(1)),
            $"""
            SELECT path_id, course_id FROM learning_path_courses
            WHERE tenant_id = @tenant AND path_id IN (
                SELECT c.path_id FROM learning_path_courses c JOIN course_progress p
                    ON p.tenant_id = c.tenant_id AND p.course_id = c.course_id AND p.learner_key = @learner
                WHERE c.tenant_id = @tenant)
            ORDER BY path_id, position
            """, LearnerRows.Bind(session, tenantId, learner), ct);
        var paths = pathCourses.GroupBy(p => p.Path, StringComparer.Ordinal)
            .Select(p => LearnerDerivation.LearningPath(learner, p.Key, p.Select(c => c.Course).ToList(), progress))
            .OfType<LearningPathProgressView>();
        var pathRows = paths.ToList();
        await LearnerRows.ReplacePathsAsync(session, tenantId, learner, pathRows, ct);
        var achievementPoints = await RecomputeAccomplishmentsAsync(session, tenantId, learner, progress, pathRows, ct);

        var modules = await LearnerRows.ModulesAsync(session, tenantId, learner, null, null, null, ct);
        var quizzes = (await session.Connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT DISTINCT i.activity_id FROM course_items i JOIN course_progress p
                ON p.tenant_id = i.tenant_id AND p.course_id = i.course_id AND p.learner_key = @learner
            WHERE i.tenant_id = @tenant AND i.kind = 'quiz'
            """, LearnerRows.Bind(session, tenantId, learner), session.Transaction, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var submissions = await LearnerRows.SubmissionsAsync(session, tenantId, learner, null, null, null, ct);
        var points = LearnerDerivation.Points(attempts.Where(a => quizzes.Contains(a.ActivityId)), submissions) + achievementPoints;
        await LearnerRows.ReplaceUserAsync(session, tenantId, learner, LearnerDerivation.User(learner, courses, modules, points), ct);
    }

    /// <summary>The learner's competencies and achievements from the tenant's definitions; returns the points of the achievements earned.</summary>
    private static async Task<int> RecomputeAccomplishmentsAsync(ProgressSession session, Guid tenantId, string learner,
        IReadOnlyDictionary<string, CourseProgressView> courses, IReadOnlyList<LearningPathProgressView> paths, CancellationToken ct)
    {
        var bind = LearnerRows.Bind(session, tenantId, learner);
        var competencies = await LearnerRows.Rows(session, r => (Id: r.GetString(0), Document: r.GetString(1)),
            "SELECT competency_id, document FROM competencies WHERE tenant_id = @tenant ORDER BY competency_id", bind, ct);
        var achievements = await LearnerRows.Rows(session, r => (Id: r.GetString(0), Document: r.GetString(1)),
            "SELECT achievement_id, document FROM achievements WHERE tenant_id = @tenant ORDER BY achievement_id", bind, ct);
        if (competencies.Count == 0 && achievements.Count == 0)
        {
            await LearnerRows.ReplaceAccomplishmentsAsync(session, tenantId, learner, [], [], ct);
            return 0;
        }

        var done = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (activity, at) in await LearnerRows.Rows(session, r => (r.GetString(0), session.Dialect.ReadTime(r, 1)),
                     $"""
                     SELECT activity_id, completed_at FROM completion_records WHERE {LearnerRows.Learner}
                     UNION ALL
                     SELECT activity_id, decided_at FROM pass_fail_records WHERE {LearnerRows.Learner} AND outcome = {(int)Domain.Progress.AttemptOutcome.Passed}
                     UNION ALL
                     SELECT activity_id, completed_at FROM lesson_progress WHERE {LearnerRows.Learner} AND completed_at IS NOT NULL
                     """, bind, ct))
        {
            done[activity] = done.TryGetValue(activity, out var earlier) && earlier <= at ? earlier : at;
        }

        var kinds = (await LearnerRows.Rows(session, r => (r.GetString(0), r.GetString(1)),
                "SELECT DISTINCT activity_id, kind FROM course_items WHERE tenant_id = @tenant ORDER BY activity_id", bind, ct))
            .GroupBy(k => k.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal);
        var accomplished = new Accomplishments(courses, done, kinds, paths, await LearnerRows.QuizAttemptsAsync(session, tenantId, learner, null, null, null, ct));
        var userCompetencies = competencies
            .Select(c => AccomplishmentDerivation.Competency(learner, c.Id, JsonSerializer.Deserialize<CompetencyDocument>(c.Document, DefinitionDocuments.Json)!, accomplished))
            .OfType<UserCompetencyView>().ToList();
        var earned = achievements
            .Select(a => AccomplishmentDerivation.Achievement(learner, a.Id, JsonSerializer.Deserialize<AchievementDocument>(a.Document, DefinitionDocuments.Json)!, accomplished))
            .OfType<EarnedAchievementView>().ToList();
        await LearnerRows.ReplaceAccomplishmentsAsync(session, tenantId, learner, userCompetencies, earned, ct);
        return earned.Sum(a => a.Points);
    }

    /// <summary>The declared question activity ids of each quiz of the course, by the quiz's activity id.</summary>
    private static async Task<Dictionary<string, IReadOnlyCollection<string>>> QuestionsAsync(
        ProgressSession session, Guid tenantId, string courseId, CancellationToken ct)
    {
        var document = await session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT document FROM courses WHERE tenant_id = @tenant AND course_id = @course",
            LearnerRows.Bind(session, tenantId, string.Empty, courseId), session.Transaction, cancellationToken: ct));
        var questions = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        if (document is null)
        {
            return questions;
        }

        Course course;
        try
        {
            course = CourseDocument.Parse(Encoding.UTF8.GetBytes(document)).ToCourse(courseId);
        }
        catch (Exception e) when (e is DomainException or JsonException)
        {
            // Every course the API stores has a valid document; a row written otherwise declares no questions.
            return questions;
        }

        foreach (var quiz in course.Modules.SelectMany(m => m.Quizzes))
        {
            questions[quiz.ActivityId] = quiz.QuestionActivityIds.ToList();
        }

        return questions;
    }
}
