using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Activities;

namespace Lrs.Infrastructure.Statements;

/// <summary>A statement already stored, as the write path needs it for duplicate and voiding checks.</summary>
public sealed record ExistingStatement(Guid Id, bool IsVoiding, string Payload);

/// <summary>One database transaction of the write path. Disposing without commit rolls back.</summary>
public abstract class StatementBatchSession : IAsyncDisposable
{
    /// <summary>Confines what follows to one tenant (PostgreSQL row-level security).</summary>
    public abstract Task UseTenantAsync(Guid tenantId, CancellationToken ct);

    public abstract Task<IReadOnlyList<ExistingStatement>> FindExistingAsync(Guid tenantId, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    public abstract Task InsertAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct);

    /// <summary>Stores attachment data once per tenant and hash; data already stored is left as it is.</summary>
    public abstract Task InsertAttachmentsAsync(Guid tenantId, IReadOnlyList<AttachmentPayload> attachments, CancellationToken ct);
    /// <summary>The known activities among <paramref name="ids"/> and their canonical definitions (null while undefined).</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> FindActivitiesAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Records new activities and changed canonical definitions; throws if a definition changed since it was read.</summary>
    public abstract Task SaveActivitiesAsync(Guid tenantId, IReadOnlyList<ActivityChange> changes, CancellationToken ct);

    public abstract Task CommitAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>Starts write-path transactions on the configured database.</summary>
public interface IStatementBatchStore
{
    Task<StatementBatchSession> BeginAsync(CancellationToken ct);
}
