using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Tests;

public sealed class ChangeSignalTests
{
    [Fact]
    public void Next_TakenBeforeNotify_CompletesOnNotify()
    {
        var signal = new ChangeSignal();
        var next = signal.Next;

        Assert.False(next.IsCompleted);
        signal.Notify();

        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact] // a reader that took Next after a change waits for the following one
    public void Next_TakenAfterNotify_WaitsForTheNextNotify()
    {
        var signal = new ChangeSignal();
        signal.Notify();

        var next = signal.Next;

        Assert.False(next.IsCompleted);
        signal.Notify();
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitAsync_Notified_ReturnsBeforeThePoll()
    {
        var signal = new ChangeSignal();
        var next = signal.Next;
        var wait = ChangeSignal.WaitAsync(next, TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);

        signal.Notify();

        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10))));
        await wait;
    }

    [Fact]
    public async Task WaitAsync_NoNotify_ReturnsAfterThePoll()
    {
        var signal = new ChangeSignal();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await ChangeSignal.WaitAsync(signal.Next, TimeSpan.FromMilliseconds(300), TimeProvider.System, CancellationToken.None);

        Assert.InRange(clock.ElapsedMilliseconds, 250, 10_000);
        Assert.False(signal.Next.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var stop = new CancellationTokenSource();
        var wait = ChangeSignal.WaitAsync(new ChangeSignal().Next, TimeSpan.FromMinutes(10), TimeProvider.System, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
