namespace Lrs.Infrastructure.Ingest;

/// <summary>
/// Admits up to <c>writers</c> ingest transactions at once, or one alone. A transaction that must see every other
/// writer's outcome first (one holding a voiding statement, whose target may be in flight) enters alone: it waits for
/// the others to finish and keeps new ones out until it is done.
/// </summary>
public sealed class WriterGate
{
    private readonly int _writers;
    private readonly SemaphoreSlim _permits;
    private readonly SemaphoreSlim _alone = new(1, 1);

    public WriterGate(int writers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _writers = writers;
        _permits = new SemaphoreSlim(writers, writers);
    }

    /// <summary>Waits for a place beside the other writers, or with <paramref name="alone"/> for all of them; dispose to leave.</summary>
    public async Task<IDisposable> EnterAsync(bool alone, CancellationToken ct)
    {
        if (!alone)
        {
            await _permits.WaitAsync(ct);
            return new Exit(() => _permits.Release());
        }

        // One at a time gathers every permit, so two writers wanting to be alone cannot each hold part of them.
        await _alone.WaitAsync(ct);
        var taken = 0;
        try
        {
            for (; taken < _writers; taken++)
            {
                await _permits.WaitAsync(ct);
            }
        }
        catch
        {
            if (taken > 0)
            {
                _permits.Release(taken);
            }

            _alone.Release();
            throw;
        }

        return new Exit(() =>
        {
            _permits.Release(_writers);
            _alone.Release();
        });
    }

    private sealed class Exit(Action leave) : IDisposable
    {
        private Action? _leave = leave;

        public void Dispose() => Interlocked.Exchange(ref _leave, null)?.Invoke();
    }
}
