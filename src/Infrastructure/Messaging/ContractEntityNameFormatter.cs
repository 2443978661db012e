using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using MassTransit;

namespace Lrs.Infrastructure.Messaging;

/// <summary>Publishes each integration contract to an exchange (topic) named by its <see cref="MessageNameAttribute"/>.</summary>
public sealed class ContractEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    public string FormatEntityName<T>() =>
        Attribute.IsDefined(typeof(T), typeof(MessageNameAttribute)) ? MessageContracts.NameOf<T>() : fallback.FormatEntityName<T>();
}
