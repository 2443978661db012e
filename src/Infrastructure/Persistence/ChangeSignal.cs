namespace Lrs.Infrastructure.Persistence;

/// <summary>
/// An in-process wake-up between a writer that committed something and a background reader of it (the projector,
/// the relay), so that a reader in the same process starts at once instead of at its next poll. Readers in other
/// processes are not reached; they keep finding the change by polling, so a missed signal only costs latency.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when <see cref="Notify"/> is next called. Take it before reading, so that a change committed while the
    /// read runs still wakes the reader afterwards.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="next"/> (from <see cref="Next"/>) or until <paramref name="poll"/> passes, whichever is first.</summary>
    public static async Task WaitAsync(Task next, TimeSpan poll, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(poll, time, timeout.Token);
        await Task.WhenAny(next, delay);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs <paramref name="round"/> until <paramref name="ct"/> is cancelled: again as soon as <paramref name="wake"/> is
    /// notified (a notification during a round counts), else after <paramref name="poll"/>. After a failed round,
    /// <paramref name="failed"/> is told the error and the number of failures in a row and returns how long to wait; a
    /// notification does not cut that wait short.
    /// </summary>
    public static async Task LoopAsync(ChangeSignal? wake, TimeSpan poll, Func<CancellationToken, Task> round,
        Func<Exception, int, TimeSpan> failed, TimeProvider time, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var delay = poll;
            // Taken before the round: a change committed while it runs starts the next round at once.
            var next = wake?.Next ?? Task.Delay(Timeout.Infinite, ct);
            try
            {
                await round(ct);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                delay = failed(e, ++failures);
                next = Task.Delay(Timeout.Infinite, ct);
            }

            try
            {
                await WaitAsync(next, delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>The wake-ups of one process: statements committed to the ledger, read models committed by the projector's first stage, rows committed to the outbox.</summary>
public sealed class ChangeSignals
{
    public ChangeSignal Ledger { get; } = new();

    public ChangeSignal Progress { get; } = new();

    public ChangeSignal Outbox { get; } = new();
}
