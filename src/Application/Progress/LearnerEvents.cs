using Lrs.Application.Events;
using Contracts = Lrs.Application.Events.Contracts;

namespace Lrs.Application.Progress;

/// <summary>
/// The data-model seed's published events of the learner facts (docs/decisions/0008): the fact's id is the message id, so the
/// outbox and every consumer's inbox recognise a fact derived again; the seed's UserID is the learner's identifier key.
/// </summary>
public static class LearnerEvents
{
    public static OutboxMessage Message(LearnerFact fact)
    {
        Contracts.ITenantMessage message = fact switch
        {
            ProgressUpdated p => new Contracts.ProgressUpdated
            {
                TenantId = p.TenantId, UserId = p.LearnerKey, CourseId = p.CourseId, ModuleId = p.ModuleId, LessonId = p.ActivityId,
                PercentComplete = (double)p.PercentComplete, UpdatedAt = p.OccurredAt,
            },
            CourseCompleted c => new Contracts.CourseCompleted { TenantId = c.TenantId, UserId = c.LearnerKey, CourseId = c.CourseId, CompletedAt = c.OccurredAt },
            QuizCompleted q => new Contracts.QuizCompleted
            {
                TenantId = q.TenantId, UserId = q.LearnerKey, CourseId = q.CourseId, QuizId = q.QuizId, Score = (double)(q.Score ?? 0), Passed = q.Passed,
                CompletedAt = q.OccurredAt,
            },
            AssignmentSubmitted a => new Contracts.AssignmentSubmitted
            {
                TenantId = a.TenantId, UserId = a.LearnerKey, CourseId = a.CourseId, AssignmentId = a.AssignmentId, SubmittedAt = a.OccurredAt,
            },
            AchievementEarned e => new Contracts.AchievementEarned
            {
                TenantId = e.TenantId, UserId = e.LearnerKey, AchievementId = e.AchievementId, AchievementName = e.AchievementName, EarnedAt = e.OccurredAt,
            },
            CompetencyAcquired c => new Contracts.CompetencyAcquired
            {
                TenantId = c.TenantId, UserId = c.LearnerKey, CompetencyId = c.CompetencyId, CompetencyName = c.CompetencyName, Level = c.Level,
                AcquiredAt = c.OccurredAt,
            },
            _ => throw new ArgumentException($"No event is defined for {fact.Type}.", nameof(fact)),
        };
        return OutboxMessage.From(message, fact.Id, $"learner:{fact.LearnerKey}");
    }
}
