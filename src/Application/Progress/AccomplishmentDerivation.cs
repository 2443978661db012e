using Lrs.Application.Definitions;

namespace Lrs.Application.Progress;

/// <summary>Competencies and achievements of a learner from what they accomplished (docs/decisions/0008). Pure.</summary>
public static class AccomplishmentDerivation
{
    /// <summary>The learner's standing in <paramref name="competency"/>; null while no source of evidence is satisfied.</summary>
    public static UserCompetencyView? Competency(string learnerKey, string competencyId, CompetencyDocument competency, Accomplishments done)
    {
        var sources = competency.Evidence ?? [];
        var evidence = new List<CompetencyEvidenceView>();
        foreach (var source in sources.OfType<EvidenceSource>())
        {
            if (source.Course is { } course && done.Courses.TryGetValue(course, out var progress) && progress.CompletedAt is { } completed)
            {
                evidence.Add(new CompetencyEvidenceView(evidence.Count, "course", course, $"Completed course {course}", completed));
            }
            else if (source.Activity is { } activity && done.ActivitiesDone.TryGetValue(activity, out var at))
            {
                var type = done.ActivityKinds.GetValueOrDefault(activity, "activity");
                evidence.Add(new CompetencyEvidenceView(evidence.Count, type, activity, $"Completed or passed {type} {activity}", at));
            }
        }

        if (evidence.Count == 0)
        {
            return null;
        }

        var mastered = evidence.Count == sources.Count;
        return new UserCompetencyView(learnerKey, competencyId, competency.Name!, evidence.Count * 100 / sources.Count, mastered ? "mastered" : "in-progress",
            mastered ? evidence.Max(e => e.EvidencedAt) : null, evidence);
    }

    /// <summary>When the learner earned <paramref name="achievement"/> by its criteria; null when they have not.</summary>
    public static EarnedAchievementView? Achievement(string learnerKey, string achievementId, AchievementDocument achievement, Accomplishments done)
    {
        var criteria = achievement.Criteria!;
        DateTimeOffset? earned = criteria.Kind switch
        {
            "course-completed" => done.Courses.GetValueOrDefault(criteria.Course!)?.CompletedAt,
            "courses-completed" => done.Courses.Values.Select(c => c.CompletedAt).OfType<DateTimeOffset>().Order().Skip(criteria.Count!.Value - 1)
                .Cast<DateTimeOffset?>().FirstOrDefault(),
            "learning-path-completed" => done.Paths.FirstOrDefault(p => p.PathId == criteria.Path)?.CompletedAt,
            _ => done.QuizAttempts.Where(q => q.ActivityId == criteria.Activity && q.Passed && q.CompletedAt is not null)
                .Select(q => q.CompletedAt).Min(),
        };
        return earned is { } at ? new EarnedAchievementView(learnerKey, achievementId, achievement.Name!, achievement.Points ?? 0, at) : null;
    }
}
