namespace Lrs.Domain.Progress;

/// <summary>
/// The lifecycle of an <see cref="Attempt"/>, frozen at F12: an attempt is opened, then closed once, and never
/// reopened. No other states will ever be added.
/// </summary>
public enum AttemptState
{
    Open = 0,
    Closed = 1,
}
