using Lrs.Infrastructure.Ingest;

namespace Lrs.Infrastructure.Tests;

/// <summary>How many ingest transactions run at once.</summary>
public sealed class WriterGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task EnterAsync_AsManyAsWriters_EnterTogetherAndTheNextWaits()
    {
        var gate = new WriterGate(2);
        using var first = await gate.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Patience);
        var second = await gate.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Patience);

        var third = gate.EnterAsync(alone: false, CancellationToken.None);
        await Task.Delay(Moment);
        Assert.False(third.IsCompleted, "a third writer waits while two are in");

        second.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task EnterAsync_Alone_WaitsForEveryWriterAndKeepsNewOnesOut()
    {
        var gate = new WriterGate(2);
        var writer = await gate.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Patience);

        var alone = gate.EnterAsync(alone: true, CancellationToken.None);
        await Task.Delay(Moment);
        Assert.False(alone.IsCompleted, "alone waits for the writer inside");

        writer.Dispose();
        var inside = await alone.WaitAsync(Patience);
        var next = gate.EnterAsync(alone: false, CancellationToken.None);
        await Task.Delay(Moment);
        Assert.False(next.IsCompleted, "no writer enters while one is alone");

        inside.Dispose();
        (await next.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaitingAlone_GivesBackWhatItHeld()
    {
        var gate = new WriterGate(2);
        var writer = await gate.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Patience);
        using var cancel = new CancellationTokenSource();

        var alone = gate.EnterAsync(alone: true, cancel.Token);
        await Task.Delay(Moment);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alone);

        // The permit it had taken and its turn to be alone are free again.
        using var second = await gate.EnterAsync(alone: false, CancellationToken.None).WaitAsync(Patience);
        writer.Dispose();
        second.Dispose();
        (await gate.EnterAsync(alone: true, CancellationToken.None).WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public void Constructor_NoWriters_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WriterGate(0));
}
