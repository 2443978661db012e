namespace Lrs.Domain.Courses;

/// <summary>When a lesson counts as satisfied, as the cmi5 moveOn attribute (cmi5 §13.1.4) names it.</summary>
public enum MoveOn
{
    NotApplicable,
    Passed,
    Completed,
    CompletedAndPassed,
    CompletedOrPassed,
}
