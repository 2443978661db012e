using System.Text.Json;
using Lrs.Application.Courses;
using Lrs.Domain.Courses;
using Lrs.Domain.Progress;

namespace Lrs.Application.Progress;

/// <summary>
/// Grading rules from course structure: the rule of the quiz whose activity id it is, else the grading rule of a
/// course holding the activity, else the reported result. Read afresh for every key, so the projection after a course
/// PUT already uses the new rule. Courses are taken in id order, so an activity in several courses is graded alike
/// on every run.
/// </summary>
public sealed class CourseGradingRuleSource(ICourseStore courses) : IGradingRuleSource
{
    public async ValueTask<GradingRule> RuleForAsync(Guid tenantId, string activityId, CancellationToken ct)
    {
        var containing = (await courses.ContainingActivityAsync(tenantId, activityId, ct))
            .Select(c => JsonSerializer.Deserialize<CourseDocument>(c.Document, CourseDocument.Json)!.ToCourse(c.Id))
            .ToList();
        var quiz = containing.SelectMany(c => c.Modules).SelectMany(m => m.Quizzes).FirstOrDefault(q => q.ActivityId == activityId);
        if (quiz is not null)
        {
            return ToRule(quiz.GradingRule);
        }

        // A course's weights name its items' activity ids, not the interactions of one attempt: they grade the
        // course as a whole, never an item's attempt.
        var courseRule = containing.Select(c => c.GradingRule).FirstOrDefault(r => r is not null && r.Kind != GradingRuleKind.WeightedPoints);
        return courseRule is null ? GradingRule.Default : ToRule(courseRule);
    }

    /// <summary>The domain rule a course's validated rule description stands for.</summary>
    public static GradingRule ToRule(GradingRuleSpec spec) => spec.Kind switch
    {
        GradingRuleKind.ScaledThreshold => new GradingRule.ScaledScoreThreshold((double)spec.MinScaled!.Value),
        GradingRuleKind.AllCorrect => new GradingRule.AllInteractionsCorrect(),
        GradingRuleKind.WeightedPoints => new GradingRule.WeightedPoints(
            spec.Weights.ToDictionary(w => w.Key, w => (double)w.Value, StringComparer.Ordinal), (double)spec.PassMark!.Value),
        _ => GradingRule.Default,
    };
}
