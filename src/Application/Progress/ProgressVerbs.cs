namespace Lrs.Application.Progress;

/// <summary>
/// The ADL and cmi5 verbs (cmi5 §9.3) that drive attempts, and the two that drive assignment submissions
/// (docs/decisions/0008): Activity Streams' <c>submit</c> on an assignment's activity is a submission, and a later
/// <c>scored</c> (or <c>passed</c>/<c>failed</c>, or any statement with <c>result.score</c>) on it grades the latest one.
/// </summary>
public static class ProgressVerbs
{
    public const string Launched = "http://adlnet.gov/expapi/verbs/launched";
    public const string Initialized = "http://adlnet.gov/expapi/verbs/initialized";
    public const string Attempted = "http://adlnet.gov/expapi/verbs/attempted";
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Terminated = "http://adlnet.gov/expapi/verbs/terminated";
    public const string Abandoned = "https://w3id.org/xapi/adl/verbs/abandoned";
    public const string Waived = "https://w3id.org/xapi/adl/verbs/waived";
    public const string Satisfied = "https://w3id.org/xapi/adl/verbs/satisfied";
    public const string Submitted = "http://activitystrea.ms/schema/1.0/submit";
    public const string Scored = "http://adlnet.gov/expapi/verbs/scored";
}
