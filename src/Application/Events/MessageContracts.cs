using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Lrs.Application.Events.Contracts;

namespace Lrs.Application.Events;

/// <summary>The integration contracts by name: every <see cref="MessageNameAttribute"/> record of this assembly.</summary>
public static class MessageContracts
{
    private static readonly Dictionary<string, Type> ByName = typeof(MessageContracts).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<MessageNameAttribute>() is not null)
        .ToDictionary(t => t.GetCustomAttribute<MessageNameAttribute>()!.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> All => ByName.Values;

    public static string NameOf(Type type) => type.GetCustomAttribute<MessageNameAttribute>()?.Name
        ?? throw new ArgumentException($"{type.Name} is not an integration contract (no [MessageName]).", nameof(type));

    public static string NameOf<T>() => NameOf(typeof(T));

    public static Type? TypeOf(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// A message id derived from what the message is about (its name and the fact's identity), so that deriving the
    /// same fact again — a replay, a rebuild, a second projector — yields the same id, which the outbox and every
    /// consumer's inbox then recognise. The first 16 bytes of SHA-256, stamped as an RFC 9562 version 8 UUID.
    /// </summary>
    public static Guid DeterministicId(string name, params object?[] identity)
    {
        var text = name + "\n" + string.Join("\n", identity.Select(i => i switch
        {
            null => string.Empty,
            Guid g => g.ToString("D"),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => i.ToString(),
        }));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
