using Lrs.Application.Events;
using MassTransit;

namespace Lrs.Infrastructure.Messaging;

/// <summary>Sends a dead letter's message to the queue of the consumer that failed on it, keeping its message id.</summary>
public sealed class MessageReplay(ISendEndpointProvider endpoints) : IMessageReplay
{
    public async Task ReplayAsync(DeadLetter letter, CancellationToken ct)
    {
        var message = MessageJson.Deserialize(letter.MessageType, letter.Payload);
        var endpoint = await endpoints.GetSendEndpoint(new Uri("queue:" + letter.Consumer));
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(c => c.MessageId = letter.MessageId), ct);
    }
}
