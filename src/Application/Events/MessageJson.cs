using System.Text.Json;
using Lrs.Application.Events.Contracts;

namespace Lrs.Application.Events;

/// <summary>How contracts are written into outbox and dead-letter rows: camelCase, as on the wire and in the schemas.</summary>
public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ITenantMessage message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static object Deserialize(string messageType, string payload) =>
        JsonSerializer.Deserialize(payload, MessageContracts.TypeOf(messageType)
            ?? throw new InvalidOperationException($"Unknown message type '{messageType}'."), Options)
        ?? throw new InvalidOperationException($"The payload of a {messageType} message is empty.");
}

/// <summary>
/// An integration event queued in the transactional outbox. <paramref name="AggregateKey"/> names what the event is
/// about (one learner's attempt key, one erasure …): the relay publishes the events of one aggregate in the order
/// they were written.
/// </summary>
public sealed record OutboxMessage(Guid MessageId, Guid TenantId, string MessageType, string AggregateKey, string Payload)
{
    public static OutboxMessage From(ITenantMessage message, Guid messageId, string aggregateKey) =>
        new(messageId, message.TenantId, MessageContracts.NameOf(message.GetType()), aggregateKey, MessageJson.Serialize(message));
}
