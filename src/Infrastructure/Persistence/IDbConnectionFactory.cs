using System.Data.Common;

namespace Lrs.Infrastructure.Persistence;

/// <summary>Opens connections to the configured database.</summary>
public interface IDbConnectionFactory
{
    ValueTask<DbConnection> OpenAsync(CancellationToken ct = default);
}
