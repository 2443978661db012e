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

    [Fact] // a change committed while a round runs starts the next round without waiting for the poll
    public async Task LoopAsync_NotifiedDuringRound_RunsAgainAtOnce()
    {
        var signal = new ChangeSignal();
        var rounds = 0;
        var second = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var loop = ChangeSignal.LoopAsync(signal, TimeSpan.FromMinutes(10), _ =>
        {
            if (++rounds == 1)
            {
                signal.Notify();
            }
            else
            {
                second.TrySetResult();
            }

            return Task.CompletedTask;
        }, (_, _) => TimeSpan.FromMinutes(10), TimeProvider.System, stop.Token);

        Assert.Same(second.Task, await Task.WhenAny(second.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        await stop.CancelAsync();
        await loop;
    }

    [Fact] // failures in a row are counted for the backoff, and a successful round starts the count again
    public async Task LoopAsync_FailingRounds_CountedAndResetBySuccess()
    {
        var failures = new List<int>();
        var rounds = 0;
        var done = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var loop = ChangeSignal.LoopAsync(null, TimeSpan.FromMilliseconds(10), _ =>
        {
            rounds++;
            if (rounds == 5)
            {
                done.TrySetResult();
            }

            return rounds is 1 or 2 or 4 ? throw new InvalidOperationException("round " + rounds) : Task.CompletedTask;
        }, (_, count) =>
        {
            failures.Add(count);
            return TimeSpan.FromMilliseconds(10);
        }, TimeProvider.System, stop.Token);

        Assert.Same(done.Task, await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        await stop.CancelAsync();
        await loop;
        Assert.Equal([1, 2, 1], failures);
    }
}
