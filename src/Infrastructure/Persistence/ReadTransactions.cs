using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lrs.Infrastructure.Persistence;

public static class ReadTransactions
{
    /// <summary>
    /// A transaction that only reads. On SQLite it begins deferred, so it neither takes the write lock nor waits its
    /// turn behind writers (docs/decisions/0015); on PostgreSQL it is an ordinary transaction, which the reads need for
    /// their tenant setting (row-level security).
    /// </summary>
    public static ValueTask<DbTransaction> BeginReadAsync(this DbConnection connection, CancellationToken ct) =>
        connection.BeginReadAsync(IsolationLevel.ReadCommitted, ct);

    /// <summary>As <see cref="BeginReadAsync(DbConnection, CancellationToken)"/>, at <paramref name="isolation"/> on PostgreSQL.</summary>
    public static async ValueTask<DbTransaction> BeginReadAsync(this DbConnection connection, IsolationLevel isolation, CancellationToken ct) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : await connection.BeginTransactionAsync(isolation, ct);
}
