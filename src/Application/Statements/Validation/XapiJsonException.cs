namespace Lrs.Application.Statements.Validation;

/// <summary>A request body or parameter is not well-formed JSON (or repeats a property name, Data §2.2).</summary>
public sealed class XapiJsonException : Exception
{
    public XapiJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of the problem, when the parser reported one.</summary>
    public long? Line { get; init; }

    /// <summary>1-based byte position within <see cref="Line"/>, when the parser reported one.</summary>
    public long? Position { get; init; }
}
