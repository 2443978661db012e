using Microsoft.AspNetCore.Mvc;

namespace Lrs.Api.Xapi;

/// <summary>Errors as RFC 9457 problem details, with the reason in "detail" (Communication §3.2: a message explaining the cause).</summary>
public static class XapiProblem
{
    public static Task Write(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(status, detail), options: null, contentType: "application/problem+json");
    }

    public static ProblemDetails Create(int status, string detail) => new()
    {
        Status = status,
        Title = status switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            409 => "Conflict",
            412 => "Precondition Failed",
            413 => "Request Entity Too Large",
            415 => "Unsupported Media Type",
            422 => "Unprocessable Content",
            429 => "Too Many Requests",
            503 => "Service Unavailable",
            _ => "Error",
        },
        Detail = detail,
    };

    public static IResult Result(int status, string detail) =>
        TypedResults.Problem(Create(status, detail));
}
