using Lrs.Application.Activities;

namespace Lrs.Api.Xapi;

/// <summary>The Activities resource, <c>/xapi/activities</c> (Communication §2.5).</summary>
public static class ActivitiesEndpoints
{
    public static RouteGroupBuilder MapActivities(this RouteGroupBuilder xapi)
    {
        xapi.MapMethods("/activities", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        return xapi;
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetActivityHandler handler)
    {
        if (!XapiRequest.TryGetParameters(http.Request, out var parameters, out var error))
        {
            return XapiProblem.Result(400, error!);
        }

        if (XapiRequest.Unknown(parameters, "activityId") is { } unknown)
        {
            return XapiProblem.Result(400, $"Unknown parameter '{unknown}' for GET activities.");
        }

        var result = await handler.HandleAsync(
            new GetActivity(XapiAuthenticationFilter.Caller(http), parameters.GetValueOrDefault("activityId")), http.RequestAborted);
        return result.IsSuccess
            ? XapiJsonResult.Create(result.Value!)
            : XapiProblem.Result(result.Error!.Status, result.Error.Message);
    }
}
