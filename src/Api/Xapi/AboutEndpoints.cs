using System.Text.Json.Nodes;

namespace Lrs.Api.Xapi;

/// <summary>The About resource, <c>/xapi/about</c> (Communication §2.8).</summary>
public static class AboutEndpoints
{
    /// <summary>The xAPI versions this LRS speaks, 1.0.3 being the latest patch of major version 1.0.</summary>
    public static readonly string[] Versions = ["1.0.0", "1.0.1", "1.0.2", XapiHeaders.CurrentVersion];

    /// <summary>
    /// Maps <c>/xapi/about</c> outside the authenticated /xapi group: the LRS SHOULD allow unauthenticated access,
    /// and the version middleware does not require the version header here (Communication §2.8).
    /// </summary>
    public static IEndpointRouteBuilder MapAbout(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/xapi/about", [HttpMethods.Get, HttpMethods.Head], () => XapiJsonResult.Create(new JsonObject
        {
            ["version"] = new JsonArray([.. Versions.Select(v => JsonValue.Create(v))]),
            ["extensions"] = new JsonObject(),
        }));
        return app;
    }
}
