using System.Text;
using System.Text.Json.Nodes;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Transcripts;

/// <summary>Statements a learner's attempts produce, and requests for transcripts.</summary>
public static class Learners
{
    public const string Adl = "http://adlnet.gov/expapi/verbs/";

    public static JsonObject Named(string name) => new()
    {
        ["objectType"] = "Agent",
        ["name"] = name,
        ["mbox"] = $"mailto:{Guid.NewGuid():N}@example.com",
    };

    /// <summary>A statement by <paramref name="learner"/> at <paramref name="at"/>, in <paramref name="registration"/>.</summary>
    public static JsonObject Did(JsonObject learner, string verb, string activity, Guid registration, DateTimeOffset at,
        JsonObject? result = null, string? title = null, string? parent = null)
    {
        var statement = Statement(learner, Adl + verb, activity);
        statement["timestamp"] = at.ToString("O");
        if (title is not null)
        {
            statement["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = title } };
        }

        var context = new JsonObject { ["registration"] = registration.ToString() };
        if (parent is not null)
        {
            context["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = parent }) };
        }

        statement["context"] = context;
        if (result is not null)
        {
            statement["result"] = result;
        }

        return statement;
    }

    public static JsonObject Scored(double scaled, double raw, double max, bool? success = null, bool? completion = null)
    {
        var result = new JsonObject { ["score"] = new JsonObject { ["scaled"] = scaled, ["raw"] = raw, ["min"] = 0, ["max"] = max } };
        if (success is not null)
        {
            result["success"] = success;
        }

        if (completion is not null)
        {
            result["completion"] = completion;
        }

        return result;
    }

    /// <summary>The credential of <paramref name="xapi"/>, without the xAPI version header: transcripts are not an xAPI resource.</summary>
    public static HttpClient WithoutVersion(HttpClient xapi)
    {
        xapi.DefaultRequestHeaders.Remove("X-Experience-API-Version");
        return xapi;
    }

    public static Task<HttpResponseMessage> GetTranscriptAsync(HttpClient client, JsonObject agent, string extra = "") =>
        client.GetAsync("/api/v1/transcripts?agent=" + Q(agent.ToJsonString()) + extra);

    /// <summary>The Agent a credential writes as: its authority (account on the configured homePage, named by the key).</summary>
    public static JsonObject AuthorityOf(HttpClient client)
    {
        var basic = Encoding.UTF8.GetString(Convert.FromBase64String(client.DefaultRequestHeaders.Authorization!.Parameter!));
        return new JsonObject
        {
            ["account"] = new JsonObject { ["homePage"] = "http://localhost/xapi/credentials", ["name"] = basic[..basic.IndexOf(':', StringComparison.Ordinal)] },
        };
    }
}
