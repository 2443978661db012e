using Lrs.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lrs.Infrastructure.Sagas;

public static class SagaRegistration
{
    /// <summary>
    /// Keeps the saga's instances in <c>saga_instances</c> under <paramref name="sagaType"/>, on the configured database.
    /// The saga's endpoint needs a message retry policy, since a concurrent change fails the write (docs/decisions/0011).
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> DatabaseRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator, string sagaType)
        where TSaga : class, IPersistedSaga
    {
        configurator.Repository(r =>
        {
            r.TryAddSingleton(sp => new SagaStore<TSaga>(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<DatabaseOptions>(), sagaType));
            r.RegisterSagaRepository<TSaga, SagaStore<TSaga>, DatabaseSagaConsumeContextFactory<TSaga>, DatabaseSagaRepositoryContextFactory<TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, DatabaseSagaRepositoryContextFactory<TSaga>>();
            r.RegisterLoadSagaRepository<TSaga, DatabaseSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
