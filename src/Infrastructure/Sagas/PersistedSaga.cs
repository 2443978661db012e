using MassTransit;

namespace Lrs.Infrastructure.Sagas;

/// <summary>
/// A saga instance kept in <c>saga_instances</c> by <see cref="DatabaseSagaRepositoryContextFactory{TSaga}"/>. The whole
/// instance is stored as JSON; the state, tenant and due time are also columns so instances can be listed and timed out.
/// <see cref="ISagaVersion.Version"/> is the optimistic-concurrency token: an update only applies to the version it read.
/// </summary>
public interface IPersistedSaga : SagaStateMachineInstance, ISagaVersion
{
    string CurrentState { get; set; }

    Guid TenantId { get; }

    /// <summary>When the instance times out if nothing else happens first; null when it waits for nothing.</summary>
    DateTimeOffset? DueAt { get; }
}

/// <summary>Another message changed the saga instance since it was loaded; the message is retried.</summary>
public sealed class SagaConcurrencyException(string sagaType, Guid correlationId)
    : MassTransitException($"Saga {sagaType} {correlationId} was changed by another message; retry.")
{
}
