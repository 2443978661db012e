using System.Text;
using System.Text.Json;
using Dapper;
using Lrs.Application.Courses;
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
        await LearnerRows.ReplacePathsAsync(session, tenantId, learner, paths, ct);

        var modules = await LearnerRows.ModulesAsync(session, tenantId, learner, null, null, null, ct);
        var quizzes = (await session.Connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT DISTINCT i.activity_id FROM course_items i JOIN course_progress p
                ON p.tenant_id = i.tenant_id AND p.course_id = i.course_id AND p.learner_key = @learner
            WHERE i.tenant_id = @tenant AND i.kind = 'quiz'
            """, LearnerRows.Bind(session, tenantId, learner), session.Transaction, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var submissions = await LearnerRows.SubmissionsAsync(session, tenantId, learner, null, null, null, ct);
        var points = LearnerDerivation.Points(attempts.Where(a => quizzes.Contains(a.ActivityId)), submissions);
        await LearnerRows.ReplaceUserAsync(session, tenantId, learner, LearnerDerivation.User(learner, courses, modules, points), ct);
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
