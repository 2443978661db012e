using Lrs.Application.Statements;

namespace Lrs.Api.Xapi;

/// <summary>
/// Communication §3.3: every xAPI response carries X-Experience-API-Version; requests must send a 1.0.x version
/// header ("1.0" counts as 1.0.0) or get 400 with a short description.
/// </summary>
public sealed class XapiVersionMiddleware(RequestDelegate next, StoredClock clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[XapiHeaders.Version] = XapiHeaders.CurrentVersion;
        if (context.Request.Path.StartsWithSegments("/xapi/statements"))
        {
            // Communication §2.1.3: on every response of the Statement resource, errors included.
            context.Response.Headers[XapiHeaders.ConsistentThrough] = StatementJson.FormatTimestamp(clock.ConsistentThrough());
        }

        if (HttpMethods.IsOptions(context.Request.Method) || context.Request.Path.StartsWithSegments("/xapi/about"))
        {
            return next(context);
        }

        var version = context.Request.Headers[XapiHeaders.Version].ToString();
        var error = Check(version);
        return error is null ? next(context) : XapiProblem.Write(context, StatusCodes.Status400BadRequest, error);
    }

    public static string? Check(string version)
    {
        if (version.Length == 0)
        {
            return $"The {XapiHeaders.Version} header is required (this LRS speaks 1.0.x).";
        }

        return version == "1.0" || (version.StartsWith("1.0.", StringComparison.Ordinal) && version.Length > 4 && version[4..].All(char.IsAsciiDigit))
            ? null
            : $"{XapiHeaders.Version} '{version}' is not supported; use 1.0.x.";
    }
}
