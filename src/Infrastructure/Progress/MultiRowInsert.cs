using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// Rows of one table written by multi-row <c>INSERT … VALUES (…), (…)</c> commands: one round trip per chunk of rows instead
/// of one per row, with at most <see cref="MaxParameters"/> parameters per command (below both databases' limits). A value
/// carries a type where a null must be typed (PostgreSQL cannot infer the type of an untyped null parameter everywhere).
/// </summary>
internal sealed class MultiRowInsert(string table, string columns)
{
    public const int MaxParameters = 2000;

    private readonly List<(object? Value, DbType? Type)[]> _rows = [];

    public void Add((object? Value, DbType? Type)[] row) => _rows.Add(row);

    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        foreach (var chunk in _rows.Chunk(Math.Max(1, MaxParameters / _rows[0].Length)))
        {
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").Append(columns).Append(") VALUES ");
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < chunk[r].Length; c++)
                {
                    var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v{r}_{c}");
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, chunk[r][c].Value, chunk[r][c].Type);
                }

                sql.Append(')');
            }

            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: ct));
        }
    }
}
