using Lrs.Infrastructure.Persistence;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Sagas.Completion;

public static class CompletionSagaRegistration
{
    /// <summary>The options and the store of completion sagas, which the API reads (flagged completions).</summary>
    public static IServiceCollection AddCompletionSagaStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Lrs:Completion").Get<CompletionSagaOptions>() ?? new CompletionSagaOptions());
        services.AddSingleton(sp => new SagaStore<CompletionState>(
            sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<DatabaseOptions>(), CompletionStateMachine.SagaType));
        return services;
    }

    /// <summary>The completion saga on the bus, persisted in <c>saga_instances</c>, and its timeouts.</summary>
    public static void AddCompletionSaga(this IBusRegistrationConfigurator bus, IServiceCollection services)
    {
        // Publishes leave only after the instance was saved: a message retried after a version conflict publishes once.
        bus.AddSagaStateMachine<CompletionStateMachine, CompletionState>((context, saga) => saga.UseInMemoryOutbox(context))
            .DatabaseRepository(CompletionStateMachine.SagaType);
        services.AddHostedService(sp =>
        {
            var options = sp.GetRequiredService<CompletionSagaOptions>();
            return new SagaTimeouts<CompletionState>(
                sp.GetRequiredService<SagaStore<CompletionState>>(), sp.GetRequiredService<IBus>(),
                s => new CompletionAcknowledgementOverdue(s.CorrelationId, s.DueAt!.Value),
                TimeSpan.FromMilliseconds(options.PollMilliseconds), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SagaTimeouts<CompletionState>>>());
        });
    }
}
