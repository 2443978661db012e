using MassTransit;

namespace Lrs.Infrastructure.Messaging;

/// <summary>The consumers of the upstream services' events (seeds 000 §5, 002), run by the <c>ingest</c> role.</summary>
public static class UpstreamConsumers
{
    public static void Add(IBusRegistrationConfigurator x)
    {
    }
}
