using Lrs.Application.Statements;

namespace Lrs.Application.Tests.Statements;

public class StoredClockTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact] // Data §2.4.8: stored is set by the LRS; millisecond precision
    public void Reserve_ClockAhead_StoredIsNowToTheMillisecond()
    {
        var time = new ManualTime(T0.AddTicks(12_345));
        var clock = new StoredClock(time);

        using var reservation = clock.Reserve();

        Assert.Equal(T0.AddMilliseconds(1), reservation.Stored);
    }

    [Fact]
    public void Reserve_ClockGoesBack_StoredNeverGoesBackwards()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        using var first = clock.Reserve();

        time.Now = T0.AddMinutes(-5);
        using var second = clock.Reserve();
        time.Now = T0.AddMilliseconds(3);
        using var third = clock.Reserve();

        Assert.Equal(T0, first.Stored);
        Assert.Equal(T0, second.Stored);
        Assert.Equal(T0.AddMilliseconds(3), third.Stored);
    }

    [Fact]
    public void Reserve_ClockGoesBackAfterRelease_StillNotBackwards()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        clock.Reserve().Dispose();

        time.Now = T0.AddSeconds(-1);
        using var later = clock.Reserve();

        Assert.Equal(T0, later.Stored);
    }

    [Fact] // Communication §2.1.3: X-Experience-API-Consistent-Through is a recent timestamp even when idle
    public void ConsistentThrough_NothingInFlight_Now()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);

        Assert.Equal(T0, clock.ConsistentThrough());
        time.Now = T0.AddSeconds(7);
        Assert.Equal(T0.AddSeconds(7), clock.ConsistentThrough());
    }

    [Fact] // Communication §2.1.3: Consistent-Through must not claim statements still being written
    public void ConsistentThrough_InFlight_BeforeOldestReservation()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        var oldest = clock.Reserve();
        time.Now = T0.AddSeconds(1);
        var newer = clock.Reserve();
        time.Now = T0.AddSeconds(2);

        Assert.Equal(T0.AddMilliseconds(-1), clock.ConsistentThrough());

        oldest.Dispose();
        Assert.Equal(T0.AddSeconds(1).AddMilliseconds(-1), clock.ConsistentThrough());

        newer.Dispose();
        Assert.Equal(T0.AddSeconds(2), clock.ConsistentThrough());
    }

    [Fact]
    public void ConsistentThrough_TwoReservationsSameMillisecond_HeldUntilBothReleased()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        var a = clock.Reserve();
        var b = clock.Reserve();
        time.Now = T0.AddSeconds(1);

        a.Dispose();
        Assert.Equal(T0.AddMilliseconds(-1), clock.ConsistentThrough());

        b.Dispose();
        Assert.Equal(T0.AddSeconds(1), clock.ConsistentThrough());
    }

    [Fact]
    public void ConsistentThrough_ClockBehindReservation_NotAfterNow()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        using var reservation = clock.Reserve();

        time.Now = T0.AddMinutes(-1);

        Assert.Equal(T0.AddMinutes(-1), clock.ConsistentThrough());
    }

    [Fact]
    public void Dispose_Twice_Harmless()
    {
        var time = new ManualTime(T0);
        var clock = new StoredClock(time);
        var a = clock.Reserve();
        var b = clock.Reserve();
        time.Now = T0.AddSeconds(1);

        a.Dispose();
        a.Dispose();

        // b still holds T0 in flight: a's second dispose must not have released it.
        Assert.Equal(T0.AddMilliseconds(-1), clock.ConsistentThrough());
        b.Dispose();
        b.Dispose();
        Assert.Equal(T0.AddSeconds(1), clock.ConsistentThrough());
    }
}
