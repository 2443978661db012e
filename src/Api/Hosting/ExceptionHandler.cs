using System.Data.Common;
using Lrs.Api.Xapi;
using Lrs.Domain;
using Microsoft.AspNetCore.Diagnostics;

namespace Lrs.Api.Hosting;

/// <summary>The one place unexpected failures become responses: client faults keep their 4xx, nothing leaks internals.</summary>
public sealed class ExceptionHandler(ILogger<ExceptionHandler> logger) : IExceptionHandler
{
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than this LRS accepts."
                : "The request could not be read: " + bad.Message),
            DomainException domain => (StatusCodes.Status400BadRequest, domain.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "The client closed the request."),
            // The database is overloaded or briefly unreachable (connection pool exhausted, timeout, busy file): nothing was
            // written, and a retry can succeed, so say so rather than report a server fault.
            DbException { IsTransient: true } or TimeoutException or DbException { InnerException: TimeoutException } =>
                (StatusCodes.Status503ServiceUnavailable, "The database is busy; nothing was written. Retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        if (!context.Response.HasStarted)
        {
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            await XapiProblem.Write(context, status, detail);
        }

        return true;
    }
}
