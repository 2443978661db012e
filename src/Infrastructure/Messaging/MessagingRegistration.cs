using System.Text;
using Lrs.Application.Events;
using Lrs.Application.Events.Upstream;
using Lrs.Infrastructure.Persistence;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Infrastructure.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// Registers the bus (MassTransit over the in-memory transport or RabbitMQ, <c>Lrs:Bus</c>), the outbox, inbox and
    /// dead letters, the relay (hosted only for the <c>relay</c> role) and the consumers of upstream events (only for
    /// the <c>ingest</c> role). <paramref name="configure"/> adds further consumers and sagas.
    /// </summary>
    public static IServiceCollection AddMessaging(
        this IServiceCollection services, IConfiguration configuration, BusOptions bus, bool runRelay, bool runConsumers,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        services.AddSingleton(bus);
        services.AddSingleton(configuration.GetSection("Lrs:Relay").Get<RelayOptions>() ?? new RelayOptions());
        var analytics = AnalyticsOptions.Read(configuration);
        services.AddSingleton(analytics);
        services.AddSingleton(sp => new MessageStore(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<DatabaseOptions>().Provider));
        services.AddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<MessageStore>());
        services.AddScoped<IMessageReplay, MessageReplay>();
        services.AddScoped<DeadLettersHandler>();
        services.AddScoped<InboxScope>();
        services.AddSingleton(configuration.GetSection("Lrs:Upstream").Get<UpstreamOptions>() ?? new UpstreamOptions());
        services.AddScoped<RecordUpstreamEventHandler>();
        services.AddSingleton(sp => new OutboxRelay(
            sp.GetRequiredService<MessageStore>(), sp.GetRequiredService<Progress.ProgressStore>(), sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<RelayOptions>(),
            analytics.PseudonymKey is { Length: > 0 } key ? new Pseudonymiser(Encoding.UTF8.GetBytes(key)) : null,
            sp.GetRequiredService<Observability.LrsMetrics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxRelay>>(), sp.GetService<ChangeSignals>()));
        if (runRelay)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        }

        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("lrs", false));
            if (runConsumers)
            {
                UpstreamConsumers.Add(x);
            }

            configure?.Invoke(x);
            if (bus.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(bus.Host, (ushort)bus.Port, bus.VirtualHost, h =>
                    {
                        h.Username(bus.Username);
                        h.Password(bus.Password);
                    });
                    Configure(context, cfg);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => Configure(context, cfg));
            }
        });
        return services;
    }

    private static void Configure<T>(IBusRegistrationContext context, IBusFactoryConfigurator<T> cfg) where T : IReceiveEndpointConfigurator
    {
        cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
        cfg.UseConsumeFilter(typeof(ConsumeGuardFilter<>), context);
        cfg.ConfigureEndpoints(context);
    }
}
