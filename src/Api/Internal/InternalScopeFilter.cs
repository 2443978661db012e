using Lrs.Api.Xapi;
using Lrs.Domain.Tenancy;

namespace Lrs.Api.Internal;

/// <summary>Reads need scope <c>all</c> or <c>all/read</c>; everything else needs <c>all</c>.</summary>
public sealed class InternalScopeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var scopes = XapiAuthenticationFilter.Caller(http).Scopes;
        var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var granted = read ? XapiScope.All | XapiScope.AllRead : XapiScope.All;
        return (scopes & granted) != 0
            ? next(context)
            : ValueTask.FromResult<object?>(XapiProblem.Result(StatusCodes.Status403Forbidden, read
                ? "Reading the internal API needs a credential with scope 'all' or 'all/read'."
                : "Changing data through the internal API needs a credential with scope 'all'."));
    }
}
