using Lrs.Infrastructure.Persistence;
using Npgsql;

namespace Lrs.Infrastructure.Tests;

public sealed class DatabaseOptionsTests
{
    [Fact] // repeated commands are prepared: the statement queries cost more to plan than to run
    public void PostgresConnectionString_NoAutoPrepareSetting_PreparesFromTheSecondUse()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Username=lrs;Database=lrs" };

        var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);

        Assert.Equal((64, 2), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
        Assert.Equal(("db", "lrs"), (builder.Host, builder.Database));
    }

    [Fact] // an operator's own setting wins, including turning preparation off
    public void PostgresConnectionString_AutoPrepareSet_Kept()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Max Auto Prepare=0" };

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(options.PostgresConnectionString).MaxAutoPrepare);
    }
}
