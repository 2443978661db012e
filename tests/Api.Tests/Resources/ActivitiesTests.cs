using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Resources;

/// <summary>Canonical Activity definitions and the Activities resource, run on both databases.</summary>
public abstract class ActivitiesTests(LrsFactory lrs)
{
    protected LrsFactory Lrs { get; } = lrs;

    internal static JsonObject Defined(string activity, JsonObject definition, JsonObject? actor = null)
    {
        var statement = Statement(actor, activity: activity);
        statement["object"]!["definition"] = definition;
        return statement;
    }

    internal static JsonObject Map(params (string Tag, string Text)[] entries)
    {
        var map = new JsonObject();
        foreach (var (tag, text) in entries)
        {
            map[tag] = text;
        }

        return map;
    }

    internal static async Task<JsonObject> GetActivityAsync(HttpClient client, string activity)
    {
        var response = await client.GetAsync("/xapi/activities?activityId=" + Q(activity));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET activities: {(int)response.StatusCode} {body}");
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact] // Data §2.4.4.1 LRS Requirements, Communication §2.5: definitions of two statements merge into the canonical one
    public async Task GetActivity_TwoDefiningStatements_ReturnsMergedDefinition()
    {
        var client = Lrs.Xapi();
        var activity = NewActivity();
        await PostAsync(client, Defined(activity, new JsonObject
        {
            ["name"] = Map(("en-US", "Quiz"), ("fr", "Questionnaire")),
            ["type"] = "http://adlnet.gov/expapi/activities/assessment",
        }));
        await PostAsync(client, Defined(activity, new JsonObject
        {
            ["name"] = Map(("en-US", "Final quiz"), ("de", "Quiz")),
            ["description"] = Map(("en-US", "The last one")),
        }));

        var found = await GetActivityAsync(client, activity);

        Assert.Equal("Activity", found["objectType"]!.GetValue<string>());
        Assert.Equal(activity, found["id"]!.GetValue<string>());
        var definition = found["definition"]!;
        Assert.Equal("Final quiz", definition["name"]!["en-US"]!.GetValue<string>());
        Assert.Equal("Questionnaire", definition["name"]!["fr"]!.GetValue<string>());
        Assert.Equal("Quiz", definition["name"]!["de"]!.GetValue<string>());
        Assert.Equal("The last one", definition["description"]!["en-US"]!.GetValue<string>());
        Assert.Equal("http://adlnet.gov/expapi/activities/assessment", definition["type"]!.GetValue<string>());
    }

    [Fact] // Communication §4.2 define: without it, ids are saved but the canonical representation is not updated
    public async Task PostStatement_CredentialWithoutDefine_LeavesCanonicalDefinitionUnchanged()
    {
        var definer = await Lrs.CredentialAsync(XapiScope.StatementsWrite | XapiScope.Define);
        var writer = await Lrs.CredentialAsync(XapiScope.StatementsWrite | XapiScope.StatementsRead);
        var activity = NewActivity();
        await PostAsync(definer, Defined(activity, new JsonObject { ["name"] = Map(("en-US", "Original")) }));

        await PostAsync(writer, Defined(activity, new JsonObject { ["name"] = Map(("en-US", "Changed"), ("fr", "Changé")) }));

        var definition = (await GetActivityAsync(writer, activity))["definition"]!.AsObject();
        Assert.Equal("""{"name":{"en-US":"Original"}}""", definition.ToJsonString());

        var undefined = NewActivity();
        await PostAsync(writer, Defined(undefined, new JsonObject { ["name"] = Map(("en-US", "Never canonical")) }));
        Assert.Null((await GetActivityAsync(writer, undefined))["definition"]);
    }

    [Fact] // Communication §2.5: without a canonical definition the LRS still returns an Activity Object
    public async Task GetActivity_UnknownId_ReturnsActivityWithOnlyId()
    {
        var activity = NewActivity();

        var found = await GetActivityAsync(Lrs.Xapi(), activity);

        Assert.Equal(new JsonObject { ["objectType"] = "Activity", ["id"] = activity }.ToJsonString(), found.ToJsonString());
    }

    [Fact] // Data §2.4.4.1: context activities and a SubStatement's activities define canonical definitions too
    public async Task PostStatement_ContextAndSubStatementDefinitions_UpdateCanonicalDefinitions()
    {
        var client = Lrs.Xapi();
        var (parent, inner, innerParent) = (NewActivity(), NewActivity(), NewActivity());
        var statement = Statement(context: new JsonObject
        {
            ["contextActivities"] = new JsonObject
            {
                ["parent"] = new JsonArray(new JsonObject { ["id"] = parent, ["definition"] = new JsonObject { ["name"] = Map(("en", "Parent")) } }),
            },
        });
        var sub = Statement(activity: inner, context: new JsonObject
        {
            ["contextActivities"] = new JsonObject
            {
                ["grouping"] = new JsonObject { ["id"] = innerParent, ["definition"] = new JsonObject { ["name"] = Map(("en", "Grouping")) } },
            },
        });
        sub["object"]!["definition"] = new JsonObject { ["name"] = Map(("en", "Inner")) };
        sub["objectType"] = "SubStatement";
        statement["object"] = sub;
        await PostAsync(client, statement);

        Assert.Equal("Parent", (await GetActivityAsync(client, parent))["definition"]!["name"]!["en"]!.GetValue<string>());
        Assert.Equal("Inner", (await GetActivityAsync(client, inner))["definition"]!["name"]!["en"]!.GetValue<string>());
        Assert.Equal("Grouping", (await GetActivityAsync(client, innerParent))["definition"]!["name"]!["en"]!.GetValue<string>());
    }

    [Fact] // Communication §2.1.3 format=canonical: canonical definitions, one language per map (Language Filtering Requirements)
    public async Task GetStatements_CanonicalFormat_UsesMergedDefinitionWithOneLanguagePerMap()
    {
        var client = Lrs.Xapi();
        var activity = NewActivity();
        await PostAsync(client, Defined(activity, new JsonObject { ["name"] = Map(("en-US", "Course")) }));
        await PostAsync(client, Defined(activity, new JsonObject
        {
            ["name"] = Map(("fr", "Cours"), ("de", "Kurs")),
            ["description"] = Map(("en-US", "A course"), ("fr", "Un cours")),
        }));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?activity={Q(activity)}&format=canonical");
        request.Headers.AcceptLanguage.ParseAdd("fr");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statements = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["statements"]!.AsArray();

        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.Equal(
            """{"name":{"fr":"Cours"},"description":{"fr":"Un cours"}}""", s!["object"]!["definition"]!.ToJsonString()));

        // exact keeps each statement's own definition (Data §2.3.1 immutability).
        var exact = await GetResultAsync(client, $"?activity={Q(activity)}&format=exact&ascending=true");
        Assert.Equal("""{"name":{"en-US":"Course"}}""", exact["statements"]![0]!["object"]!["definition"]!.ToJsonString());
    }

    [Theory] // Communication §2.5 activityId is required and an IRI; §3.2 unknown parameters are rejected
    [InlineData("")]
    [InlineData("?activityId=not%20an%20iri")]
    [InlineData("?activityId=http%3A%2F%2Fexample.com%2Fa&agent=x")]
    [InlineData("?ActivityId=http%3A%2F%2Fexample.com%2Fa")]
    public async Task GetActivity_MissingOrInvalidParameters_Returns400(string query)
    {
        var response = await Lrs.Xapi().GetAsync("/xapi/activities" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §1.1 HEAD; §4.2 any read scope reads activities, a write-only credential does not
    public async Task GetActivity_HeadAndScopes_BehaveAsGet()
    {
        var activity = NewActivity();
        using var head = new HttpRequestMessage(HttpMethod.Head, "/xapi/activities?activityId=" + Q(activity));
        var headResponse = await Lrs.Xapi().SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());

        var mine = await Lrs.CredentialAsync(XapiScope.StatementsReadMine);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync("/xapi/activities?activityId=" + Q(activity))).StatusCode);
        var writeOnly = await Lrs.CredentialAsync(XapiScope.StatementsWrite);
        Assert.Equal(HttpStatusCode.Forbidden, (await writeOnly.GetAsync("/xapi/activities?activityId=" + Q(activity))).StatusCode);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresActivitiesTests(PostgresLrsFactory lrs) : ActivitiesTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteActivitiesTests(SqliteLrsFactory lrs) : ActivitiesTests(lrs);
