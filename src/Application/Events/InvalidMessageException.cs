namespace Lrs.Application.Events;

/// <summary>A message that can never succeed (its content is invalid): dead-lettered at once, without retries.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);
