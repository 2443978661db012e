namespace Lrs.Application.Events.Contracts;

/// <summary>
/// The explicit, versioned name of an integration message (<c>progress.completion.recorded.v1</c>): the exchange it
/// is published to, the <c>message_type</c> of its outbox and dead-letter rows, and the file name of its JSON schema
/// under <c>contracts/schemas/</c>. A name never changes; an incompatible change is a new contract with <c>.v2</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MessageNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Every integration message belongs to one tenant.</summary>
public interface ITenantMessage
{
    /// <summary>The tenant (an LRS of its own) the message is about.</summary>
    Guid TenantId { get; }
}
