using Lrs.Infrastructure.Sagas;
using MassTransit;

namespace Lrs.Infrastructure.Tests.Sagas;

public sealed record CounterStarted(Guid CorrelationId, Guid TenantId);

public sealed record CounterIncremented(Guid CorrelationId, int Amount);

public sealed class CounterState : IPersistedSaga
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid TenantId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public int Count { get; set; }
}

/// <summary>Holds the first <see cref="Holding"/> increments until that many are running, so they load the same version.</summary>
public sealed class IncrementGate
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Holding { get; set; } = 2;

    public int Runs => Volatile.Read(ref _arrived);

    public async Task PassAsync()
    {
        if (Interlocked.Increment(ref _arrived) == Holding)
        {
            _all.TrySetResult();
        }

        await _all.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine(IncrementGate gate)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CorrelationId));

        Initially(When(Started)
            .Then(c => c.Saga.TenantId = c.Message.TenantId)
            .TransitionTo(Counting));

        During(Counting, When(Incremented)
            .ThenAsync(async c =>
            {
                await gate.PassAsync();
                c.Saga.Count += c.Message.Amount;
            }));
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterStarted> Started { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;
}
