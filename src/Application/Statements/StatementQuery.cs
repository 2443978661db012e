using System.Buffers.Text;
using System.Text.Json;
using Lrs.Application.Common;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Statements;

/// <summary>The parameters of GET /statements (Communication §2.1.3), validated.</summary>
public sealed record StatementQuery
{
    private static readonly HashSet<string> Known =
    [
        "statementId", "voidedStatementId", "agent", "verb", "activity", "registration", "related_activities",
        "related_agents", "since", "until", "limit", "format", "attachments", "ascending", "more",
    ];

    private static readonly HashSet<string> AllowedWithId = ["statementId", "voidedStatementId", "format", "attachments"];

    public Guid? StatementId { get; init; }

    public Guid? VoidedStatementId { get; init; }

    public string? AgentKey { get; init; }

    public string? VerbId { get; init; }

    public string? ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public bool RelatedActivities { get; init; }

    public bool RelatedAgents { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int Limit { get; init; }

    public StatementFormat Format { get; init; } = StatementFormat.Exact;

    public bool Attachments { get; init; }

    public bool Ascending { get; init; }

    public StatementCursor? After { get; init; }

    /// <summary>The parameters that define the result set, carried in the <c>more</c> link.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public static XapiResult<StatementQuery> Parse(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var name in parameters.Keys)
        {
            if (!Known.Contains(name))
            {
                // Communication §3.2: unknown parameters, and known ones in the wrong case, are rejected.
                return XapiError.BadRequest($"Unknown parameter '{name}' for GET statements.");
            }
        }

        if (parameters.TryGetValue("more", out var more))
        {
            if (parameters.Count > 1)
            {
                return XapiError.BadRequest("The 'more' parameter cannot be combined with other parameters.");
            }

            return FromMoreToken(more);
        }

        return ParseFilters(parameters, after: null);
    }

    private static XapiResult<StatementQuery> ParseFilters(IReadOnlyDictionary<string, string> p, StatementCursor? after)
    {
        var hasId = p.ContainsKey("statementId");
        var hasVoided = p.ContainsKey("voidedStatementId");
        if (hasId && hasVoided)
        {
            return XapiError.BadRequest("statementId and voidedStatementId cannot be used together.");
        }

        if ((hasId || hasVoided) && p.Keys.FirstOrDefault(k => !AllowedWithId.Contains(k)) is { } extra)
        {
            return XapiError.BadRequest($"Parameter '{extra}' cannot be used with statementId or voidedStatementId.");
        }

        var errors = new List<string>();
        var query = new StatementQuery
        {
            StatementId = Uuid(p, "statementId", errors),
            VoidedStatementId = Uuid(p, "voidedStatementId", errors),
            AgentKey = Agent(p, errors),
            VerbId = Iri(p, "verb", errors),
            ActivityId = Iri(p, "activity", errors),
            Registration = Uuid(p, "registration", errors),
            RelatedActivities = Bool(p, "related_activities", errors),
            RelatedAgents = Bool(p, "related_agents", errors),
            Since = Timestamp(p, "since", errors),
            Until = Timestamp(p, "until", errors),
            Limit = ParseLimit(p, errors),
            Format = ParseFormat(p, errors),
            Attachments = Bool(p, "attachments", errors),
            Ascending = Bool(p, "ascending", errors),
            After = after,
            Parameters = p.Where(kv => kv.Key is not ("attachments" or "format" or "limit"))
                .ToDictionary(kv => kv.Key, kv => kv.Value),
        };

        return errors.Count > 0 ? XapiError.BadRequest(string.Join(" ", errors)) : query;
    }

    /// <summary>The opaque continuation token for the page after <paramref name="last"/>.</summary>
    public string MoreToken(StatementCursor last)
    {
        var state = new Dictionary<string, string>(Parameters)
        {
            ["~stored"] = last.Stored.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["~seq"] = last.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["~limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["~format"] = Format.ToString(),
            ["~attachments"] = Attachments ? "true" : "false",
        };
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(state));
    }

    private static XapiResult<StatementQuery> FromMoreToken(string token)
    {
        Dictionary<string, string>? state;
        try
        {
            state = JsonSerializer.Deserialize<Dictionary<string, string>>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            state = null;
        }

        if (state is null
            || !state.Remove("~stored", out var stored) || !long.TryParse(stored, out var storedMs)
            || !state.Remove("~seq", out var seqText) || !long.TryParse(seqText, out var seq)
            || !state.Remove("~limit", out var limit) || !state.Remove("~format", out var format)
            || !state.Remove("~attachments", out var attachments)
            || !Enum.TryParse<StatementFormat>(format, out var parsedFormat))
        {
            return XapiError.BadRequest("The 'more' token is not one this LRS issued.");
        }

        if (state.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } forged)
        {
            return XapiError.BadRequest($"The 'more' token carries unknown parameter '{forged}'.");
        }

        var p = new Dictionary<string, string>(state) { ["limit"] = limit, ["attachments"] = attachments };
        var cursor = new StatementCursor(DateTimeOffset.FromUnixTimeMilliseconds(storedMs), seq);
        var parsed = ParseFilters(p, cursor);
        return parsed.IsSuccess ? parsed.Value! with { Format = parsedFormat } : parsed;
    }

    private static Guid? Uuid(IReadOnlyDictionary<string, string> p, string name, List<string> errors)
    {
        if (!p.TryGetValue(name, out var v))
        {
            return null;
        }

        if (XapiParameters.TryParseUuid(v, out var id))
        {
            return id;
        }

        errors.Add($"Parameter '{name}' must be a UUID.");
        return null;
    }

    private static string? Iri(IReadOnlyDictionary<string, string> p, string name, List<string> errors)
    {
        if (!p.TryGetValue(name, out var v))
        {
            return null;
        }

        if (XapiParameters.IsIri(v))
        {
            return v;
        }

        errors.Add($"Parameter '{name}' must be an IRI with a scheme.");
        return null;
    }

    private static string? Agent(IReadOnlyDictionary<string, string> p, List<string> errors)
    {
        if (!p.TryGetValue("agent", out var v))
        {
            return null;
        }

        if (XapiParameters.TryParseAgent(v, out var identity, out var error))
        {
            return identity.Key;
        }

        errors.Add($"Parameter 'agent' is not a valid Agent or identified Group: {error}");
        return null;
    }

    private static bool Bool(IReadOnlyDictionary<string, string> p, string name, List<string> errors)
    {
        if (!p.TryGetValue(name, out var v))
        {
            return false;
        }

        switch (v)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors.Add($"Parameter '{name}' must be true or false.");
                return false;
        }
    }

    private static DateTimeOffset? Timestamp(IReadOnlyDictionary<string, string> p, string name, List<string> errors)
    {
        if (!p.TryGetValue(name, out var v))
        {
            return null;
        }

        if (XapiParameters.TryParseTimestamp(v, out var t))
        {
            return t;
        }

        errors.Add($"Parameter '{name}' must be an ISO 8601 timestamp.");
        return null;
    }

    private static int ParseLimit(IReadOnlyDictionary<string, string> p, List<string> errors)
    {
        if (!p.TryGetValue("limit", out var v))
        {
            return 0;
        }

        if (int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit))
        {
            return limit;
        }

        errors.Add("Parameter 'limit' must be a non-negative integer.");
        return 0;
    }

    private static StatementFormat ParseFormat(IReadOnlyDictionary<string, string> p, List<string> errors)
    {
        if (!p.TryGetValue("format", out var v))
        {
            return StatementFormat.Exact;
        }

        switch (v)
        {
            case "exact":
                return StatementFormat.Exact;
            case "ids":
                return StatementFormat.Ids;
            case "canonical":
                return StatementFormat.Canonical;
            default:
                errors.Add("Parameter 'format' must be one of ids, exact, canonical.");
                return StatementFormat.Exact;
        }
    }
}
