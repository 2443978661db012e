using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Sagas;
using Lrs.Infrastructure.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Infrastructure.Tests.Sagas;

public sealed class DatabaseSagaRepositoryTests
{
    private const string SagaType = "counter";

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Update_OfAVersionAlreadyChanged_ThrowsConcurrency(DatabaseProvider provider)
    {
        await using var db = await Databases.CreateAsync(provider);
        var store = new SagaStore<CounterState>(db.Connections, db.Options, SagaType);
        var id = Guid.NewGuid();
        await store.InsertAsync(new CounterState { CorrelationId = id, TenantId = Guid.NewGuid(), CurrentState = "Counting" }, CancellationToken.None);

        var first = (await store.LoadAsync(id, CancellationToken.None))!;
        var second = (await store.LoadAsync(id, CancellationToken.None))!;
        first.Count = 1;
        await store.UpdateAsync(first, CancellationToken.None);
        second.Count = 5;

        await Assert.ThrowsAsync<SagaConcurrencyException>(() => store.UpdateAsync(second, CancellationToken.None));
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => store.InsertAsync(new CounterState { CorrelationId = id, CurrentState = "Counting" }, CancellationToken.None));
        var stored = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(1, stored.Count);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task TwoConcurrentMessages_ForOneInstance_OneWinsTheOtherRetriesAndApplies(DatabaseProvider provider)
    {
        await using var db = await Databases.CreateAsync(provider);
        var gate = new IncrementGate { Holding = 2 };
        await using var host = await CounterHost.StartAsync(db, gate);
        var id = Guid.NewGuid();
        await host.Bus.Publish(new CounterStarted(id, Guid.NewGuid()));
        await host.WaitForAsync(id, s => s.CurrentState == "Counting");

        await host.Bus.Publish(new CounterIncremented(id, 1));
        await host.Bus.Publish(new CounterIncremented(id, 10));
        var saga = await host.WaitForAsync(id, s => s.Count == 11);

        // Both loaded version 2 and passed the gate together; one update failed on the version and ran again.
        Assert.Equal(3, gate.Runs);
        Assert.Equal(3, saga.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Instance_AfterProcessRestart_IsLoadedFromTheDatabase(DatabaseProvider provider)
    {
        await using var db = await Databases.CreateAsync(provider);
        var id = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        await using (var before = await CounterHost.StartAsync(db, new IncrementGate { Holding = 1 }))
        {
            await before.Bus.Publish(new CounterStarted(id, tenant));
            await before.WaitForAsync(id, s => s.CurrentState == "Counting");
            await before.Bus.Publish(new CounterIncremented(id, 3));
            await before.WaitForAsync(id, s => s.Count == 3);
        }

        await using var after = await CounterHost.StartAsync(db, new IncrementGate { Holding = 1 });
        await after.Bus.Publish(new CounterIncremented(id, 4));
        var saga = await after.WaitForAsync(id, s => s.Count == 7);

        Assert.Equal("Counting", saga.CurrentState);
        Assert.Equal(tenant, saga.TenantId);
    }

    /// <summary>A bus with the counter saga on the database repository, as a process would run it.</summary>
    private sealed class CounterHost : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        private CounterHost(ServiceProvider provider)
        {
            _provider = provider;
            Bus = provider.GetRequiredService<IBusControl>();
            Store = provider.GetRequiredService<SagaStore<CounterState>>();
        }

        public IBusControl Bus { get; }

        public SagaStore<CounterState> Store { get; }

        public static async Task<CounterHost> StartAsync(Databases.Database db, IncrementGate gate)
        {
            var services = new ServiceCollection();
            // MassTransit keeps the first bus's logger factory process-wide, so a restarted bus must not find it disposed.
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddSingleton(gate);
            services.AddSingleton(db.Connections);
            services.AddSingleton(db.Options);
            services.AddMassTransit(x =>
            {
                x.AddSagaStateMachine<CounterStateMachine, CounterState>(s =>
                    {
                        s.UseMessageRetry(r => r.Immediate(5));
                        s.ConcurrentMessageLimit = 4;
                    })
                    .DatabaseRepository(SagaType);
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            });
            var host = new CounterHost(services.BuildServiceProvider());
            await host.Bus.StartAsync(TimeSpan.FromSeconds(30));
            return host;
        }

        public async Task<CounterState> WaitForAsync(Guid id, Func<CounterState, bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var saga = await Store.LoadAsync(id, CancellationToken.None);
                if (saga is not null && condition(saga))
                {
                    return saga;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Saga {id} did not reach the expected state; last: {saga?.CurrentState} count {saga?.Count}");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Bus.StopAsync(TimeSpan.FromSeconds(30));
            await _provider.DisposeAsync();
        }
    }
}
