using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lrs.Infrastructure.Persistence;

/// <summary>
/// The turn-taking of one SQLite database's writers in this process: first come, first served, at most
/// <paramref name="timeout"/> of waiting (the same as the busy timeout) before the caller gets an error.
/// </summary>
public sealed class WriteGate(TimeSpan timeout)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

    /// <summary>Writers waiting for their turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Enter(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!_turn.Wait(timeout, ct))
            {
                throw TimedOut();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public async Task EnterAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!await _turn.WaitAsync(timeout, ct))
            {
                throw TimedOut();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Leave() => _turn.Release();

    private TimeoutException TimedOut() =>
        new($"The SQLite database stayed busy with other writes for {timeout.TotalSeconds:N0} s; nothing was written.");
}

/// <summary>
/// A SQLite connection whose write transactions take turns through a <see cref="WriteGate"/>: beginning one waits
/// for the gate, and the connection leaves it when the transaction commits or rolls back, or at the latest when the
/// connection closes.
/// </summary>
internal sealed class GatedSqliteConnection(string connectionString, WriteGate gate) : SqliteConnection(connectionString)
{
    private int _holding;

    /// <summary>Microsoft.Data.Sqlite clears this when a transaction commits or rolls back, however it ends.</summary>
    protected override SqliteTransaction? Transaction
    {
        get => base.Transaction;
        set
        {
            base.Transaction = value;
            if (value is null)
            {
                Leave();
            }
        }
    }

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
    {
        var entered = !deferred && Volatile.Read(ref _holding) == 0;
        if (entered)
        {
            gate.Enter();
        }

        return Begin(isolationLevel, deferred, entered);
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for read-uncommitted (deferred).
        var deferred = isolationLevel == IsolationLevel.ReadUncommitted;
        var entered = !deferred && Volatile.Read(ref _holding) == 0;
        if (entered)
        {
            await gate.EnterAsync(cancellationToken);
        }

        return Begin(isolationLevel, deferred, entered);
    }

    public override void Close()
    {
        base.Close();
        Leave();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Leave();
    }

    private SqliteTransaction Begin(IsolationLevel isolationLevel, bool deferred, bool entered)
    {
        if (!entered)
        {
            return base.BeginTransaction(isolationLevel, deferred);
        }

        Volatile.Write(ref _holding, 1);
        try
        {
            return base.BeginTransaction(isolationLevel, deferred);
        }
        catch
        {
            Leave();
            throw;
        }
    }

    private void Leave()
    {
        if (Interlocked.Exchange(ref _holding, 0) == 1)
        {
            gate.Leave();
        }
    }
}
