namespace Lrs.Application.Tests.Statements;

/// <summary>A clock the test sets by hand, allowed to go backwards like a corrected system clock.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
