using Lrs.Application.Erasure;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Events.Upstream;
using MassTransit;

namespace Lrs.Infrastructure.Messaging;

/// <summary>The consumers of the upstream services' events (seeds 000 §5, 002), run by the <c>ingest</c> role.</summary>
public static class UpstreamConsumers
{
    public static void Add(IBusRegistrationConfigurator x)
    {
        Add<PlaySessionStarted>(x);
        Add<PlaySessionNavigated>(x);
        Add<PlaySessionCompleted>(x);
        Add<AttemptResultScored>(x);
        Add<UserEnrolled>(x);
        Add<CourseUpdated>(x);
        Add<LessonCompleted>(x);
        x.AddConsumer<ErasureRequestedConsumer>().Endpoint(e => e.Name = "lrs." + MessageContracts.NameOf<ErasureRequested>());
    }

    /// <summary>One queue per contract, named <c>lrs.</c> + the contract's name, bound to the contract's exchange.</summary>
    private static void Add<T>(IBusRegistrationConfigurator x) where T : class, ITenantMessage =>
        x.AddConsumer<UpstreamConsumer<T>>().Endpoint(e => e.Name = "lrs." + MessageContracts.NameOf<T>());
}

/// <summary>Thin: hands the event to <see cref="RecordUpstreamEventHandler"/>; the consume guard supplies inbox, retries, dead letters.</summary>
public sealed class UpstreamConsumer<T>(RecordUpstreamEventHandler handler) : IConsumer<T> where T : class, ITenantMessage
{
    public Task Consume(ConsumeContext<T> context)
    {
        var name = MessageContracts.NameOf<T>();
        // The authority names the upstream service: delivery-service, assessment-service, course-service.
        var source = name[..name.IndexOf('.', StringComparison.Ordinal)] + "-service";
        return handler.HandleAsync(context.Message, context.MessageId ?? throw new InvalidMessageException("The message has no message id."), source,
            context.CancellationToken);
    }
}

/// <summary>Thin: hands <c>gdpr.erasure.requested.v1</c> to <see cref="RequestErasureFromEventHandler"/>, behind the same consume guard.</summary>
public sealed class ErasureRequestedConsumer(RequestErasureFromEventHandler handler) : IConsumer<ErasureRequested>
{
    public Task Consume(ConsumeContext<ErasureRequested> context) =>
        handler.HandleAsync(context.Message, context.MessageId ?? throw new InvalidMessageException("The message has no message id."), context.CancellationToken);
}
