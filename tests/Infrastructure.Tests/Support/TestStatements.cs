using System.Text.Json.Nodes;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Tests.Support;

/// <summary>Statements prepared the way the write path receives them: complete, with id, stored, authority and version.</summary>
public static class TestStatements
{
    public const string AuthorityKey = "test-authority";

    private const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>Now, to the millisecond (SQLite keeps milliseconds).</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static PreparedStatement Experienced(Guid? id = null, string? activity = null, DateTimeOffset? stored = null) =>
        Prepare(id ?? Guid.NewGuid(), "http://adlnet.gov/expapi/verbs/experienced",
            new JsonObject { ["objectType"] = "Activity", ["id"] = activity ?? $"http://example.com/activities/{Guid.NewGuid():N}" },
            stored);

    public static PreparedStatement Voiding(Guid target, Guid? id = null) =>
        Prepare(id ?? Guid.NewGuid(), VoidedVerb, new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() }, null);

    public static IngestRequest Request(Guid tenantId, params PreparedStatement[] statements) => new(tenantId, statements);

    /// <summary>A statement by <paramref name="actorMbox"/>, with the <paramref name="context"/> given, if any.</summary>
    public static PreparedStatement By(string actorMbox, string verb, JsonObject target, JsonObject? context = null, DateTimeOffset? stored = null) =>
        Prepare(Guid.NewGuid(), verb, target, stored, actorMbox, context);

    private static PreparedStatement Prepare(
        Guid id, string verb, JsonObject target, DateTimeOffset? stored, string actorMbox = "mailto:learner@example.com", JsonObject? context = null)
    {
        var at = stored ?? Now();
        var storedText = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = actorMbox },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = target,
            ["timestamp"] = "2024-01-01T00:00:00.000Z",
            ["stored"] = storedText,
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lrs@example.com" },
            ["version"] = "1.0.0",
        };
        if (context is not null)
        {
            statement["context"] = context;
        }

        return new PreparedStatement(id, StatementJson.Serialize(statement), at, AuthorityKey, StatementIndex.Extract(statement));
    }
}
