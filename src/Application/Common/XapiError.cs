namespace Lrs.Application.Common;

/// <summary>An expected failure of an xAPI request: the HTTP status the spec prescribes and a message saying why.</summary>
public sealed record XapiError(int Status, string Message)
{
    public static XapiError BadRequest(string message) => new(400, message);

    public static XapiError Forbidden(string message) => new(403, message);

    public static XapiError NotFound(string message) => new(404, message);

    public static XapiError Conflict(string message) => new(409, message);

    public static XapiError Busy(string message) => new(503, message);
}

/// <summary>Either a value or an <see cref="XapiError"/>.</summary>
public readonly record struct XapiResult<T>
{
    private XapiResult(T? value, XapiError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public XapiError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator XapiResult<T>(T value) => new(value, null);

    public static implicit operator XapiResult<T>(XapiError error) => new(default, error);
}
