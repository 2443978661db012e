namespace Lrs.Domain.Progress;

/// <summary>
/// The order in which statements count for progress: by timestamp, ties broken by statement id. It depends only on
/// the statements, never on when they arrived, so the same statements always give the same progress.
/// </summary>
public static class StatementOrder
{
    public static int Compare(DateTimeOffset timestampA, Guid idA, DateTimeOffset timestampB, Guid idB)
    {
        var byTime = timestampA.CompareTo(timestampB);
        return byTime != 0 ? byTime : idA.CompareTo(idB);
    }
}
