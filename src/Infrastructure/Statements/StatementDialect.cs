using System.Data.Common;
using System.Globalization;

namespace Lrs.Infrastructure.Statements;

/// <summary>How ids and times are represented in each database's statement tables.</summary>
public abstract class StatementDialect
{
    public static readonly StatementDialect Postgres = new PostgresDialect();
    public static readonly StatementDialect Sqlite = new SqliteDialect();

    public abstract object Id(Guid id);

    public abstract object Time(DateTimeOffset t);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    private sealed class PostgresDialect : StatementDialect
    {
        public override object Id(Guid id) => id;

        public override object Time(DateTimeOffset t) => t.ToUniversalTime();

        public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

        public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
            new(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
    }

    private sealed class SqliteDialect : StatementDialect
    {
        public override object Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

        public override object Time(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

        public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

        public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
    }
}
