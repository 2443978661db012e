using System.Net.Http.Headers;
using System.Text;
using Lrs.Application.Security;

namespace Lrs.Api.Xapi;

/// <summary>HTTP Basic authentication of xAPI clients (Communication §4.0), as a filter on the /xapi route group.</summary>
public sealed class XapiAuthenticationFilter : IEndpointFilter
{
    private const string CallerKey = "lrs.xapi.caller";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!TryParseBasic(header, out var key, out var secret))
        {
            return Challenge(http, "Authentication is required: send HTTP Basic credentials.");
        }

        var authenticate = http.RequestServices.GetRequiredService<AuthenticateCaller>();
        var caller = await authenticate.HandleAsync(key, secret, http.RequestAborted);
        if (caller is null)
        {
            return Challenge(http, "The credentials were refused.");
        }

        http.Items[CallerKey] = caller;
        return await next(context);
    }

    public static XapiCaller Caller(HttpContext http) =>
        http.Items[CallerKey] as XapiCaller ?? throw new InvalidOperationException("No authenticated xAPI caller.");

    private static IResult Challenge(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"LRS\", charset=\"UTF-8\"";
        return XapiProblem.Result(StatusCodes.Status401Unauthorized, message);
    }

    public static bool TryParseBasic(string header, out string key, out string secret)
    {
        key = secret = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        key = decoded[..colon];
        secret = decoded[(colon + 1)..];
        return true;
    }
}
