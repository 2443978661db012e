namespace Lrs.Domain.Progress;

/// <summary>
/// What an attempt achieved. Additive only (freeze point F12): values are stored and published as numbers, so a
/// value is never renumbered, renamed in meaning or removed; new outcomes get new numbers at the end.
/// </summary>
public enum AttemptOutcome
{
    /// <summary>Nothing decides the attempt yet.</summary>
    Unknown = 0,

    Passed = 1,

    Failed = 2,

    /// <summary>Completed without a pass or fail judgement.</summary>
    Completed = 3,

    /// <summary>The session ended abnormally before anything decided it (cmi5 §9.3.6).</summary>
    Abandoned = 4,

    /// <summary>The LMS waived the requirements (cmi5 §9.3.7).</summary>
    Waived = 5,
}
