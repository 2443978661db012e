namespace Lrs.Infrastructure.Tests.Support;

/// <summary>A clock fixed at a chosen instant.</summary>
public sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
