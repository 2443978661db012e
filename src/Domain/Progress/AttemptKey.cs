namespace Lrs.Domain.Progress;

/// <summary>
/// What identifies a learner's attempts at one activity: the learner's agent key
/// (<see cref="Xapi.AgentIdentity.Key"/>), the activity id and the registration (enrolment), if any.
/// </summary>
public readonly record struct AttemptKey
{
    private AttemptKey(string learnerKey, string activityId, Guid? registration)
    {
        LearnerKey = learnerKey;
        ActivityId = activityId;
        Registration = registration;
    }

    public string LearnerKey { get; }

    public string ActivityId { get; }

    public Guid? Registration { get; }

    public static AttemptKey Create(string learnerKey, string activityId, Guid? registration)
    {
        if (string.IsNullOrWhiteSpace(learnerKey))
        {
            throw new DomainException("An attempt key needs a learner.");
        }

        if (string.IsNullOrWhiteSpace(activityId))
        {
            throw new DomainException("An attempt key needs an activity.");
        }

        return new AttemptKey(learnerKey, activityId, registration);
    }

    public override string ToString() => $"{LearnerKey} {ActivityId} {Registration?.ToString() ?? "-"}";
}
