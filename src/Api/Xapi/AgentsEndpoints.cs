using Lrs.Application.Agents;

namespace Lrs.Api.Xapi;

/// <summary>The Agents resource, <c>/xapi/agents</c> (Communication §2.4).</summary>
public static class AgentsEndpoints
{
    public static RouteGroupBuilder MapAgents(this RouteGroupBuilder xapi)
    {
        xapi.MapMethods("/agents", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        return xapi;
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetPersonHandler handler)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return XapiProblem.Result(400, error!);
        }

        if (XapiRequest.Unknown(parameters, "agent") is { } unknown)
        {
            return XapiProblem.Result(400, $"Unknown parameter '{unknown}' for GET agents.");
        }

        var result = await handler.HandleAsync(
            new GetPerson(XapiAuthenticationFilter.Caller(http), parameters.GetValueOrDefault("agent")), http.RequestAborted);
        return result.IsSuccess
            ? XapiJsonResult.Create(result.Value!)
            : XapiProblem.Result(result.Error!.Status, result.Error.Message);
    }
}
