using System.Text.Json.Nodes;
using Lrs.Application.Activities;
using Lrs.Application.Common;
using Lrs.Application.Security;
using Lrs.Application.Statements.Attachments;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Statements;

/// <summary>GET /statements: one statement by id, or a StatementResult page (Communication §2.1.3, Data §2.5).</summary>
public sealed record GetStatements(XapiCaller Caller, StatementQuery Query, IReadOnlyList<LanguagePreference> Languages);

/// <summary>The response body, the stored time for Last-Modified, and the ids of the statements it holds.</summary>
public sealed record StatementsResponse(JsonObject Body, DateTimeOffset? LastModified, IReadOnlyList<Guid> StatementIds)
{
    /// <summary>With <c>attachments=true</c>: the stored data of every attachment the statements reference, once each.</summary>
    public IReadOnlyList<AttachmentPayload> Attachments { get; init; } = [];
}

public sealed class GetStatementsHandler(IStatementReader reader, IActivityReader activities, StatementQueryOptions options, IAttachmentReader attachments)
{
    public async Task<XapiResult<StatementsResponse>> HandleAsync(GetStatements request, CancellationToken ct)
    {
        var result = await QueryAsync(request, ct);
        if (!result.IsSuccess || !request.Query.Attachments)
        {
            return result;
        }

        // Communication §2.1.3 attachments=true: include the data of every attachment the statements reference.
        var response = result.Value!;
        var statements = response.Body["statements"] is JsonArray page ? page.OfType<JsonObject>() : [response.Body];
        var hashes = statements.SelectMany(StatementAttachments.Declared).Select(StatementAttachments.Sha2).ToHashSet(StringComparer.Ordinal);
        return hashes.Count == 0
            ? response
            : response with { Attachments = await attachments.FindAsync(request.Caller.TenantId, hashes, ct) };
    }

    private async Task<XapiResult<StatementsResponse>> QueryAsync(GetStatements request, CancellationToken ct)
    {
        var caller = request.Caller;
        if (!caller.Scopes.CanReadOwnStatements())
        {
            return XapiError.Forbidden("This credential may not read statements.");
        }

        var mine = caller.Scopes.CanReadAllStatements() ? null : caller.AuthorityKey;
        var query = request.Query;
        if (query.StatementId is { } id || query.VoidedStatementId is not null)
        {
            var voided = query.VoidedStatementId is not null;
            var found = await reader.FindAsync(caller.TenantId, query.StatementId ?? query.VoidedStatementId!.Value, voided, ct);
            if (found is null || (mine is not null && !IsMine(found, mine)))
            {
                return XapiError.NotFound(voided ? "No voided statement with this id." : "No statement with this id.");
            }

            var single = (await FormatAsync([found], caller.TenantId, query, request.Languages, ct))[0];
            return new StatementsResponse(single, found.Stored, [found.Id]);
        }

        var limit = query.Limit == 0 ? options.MaxPageSize : Math.Min(query.Limit, options.MaxPageSize);
        var filter = new StatementFilter
        {
            TenantId = caller.TenantId,
            AgentKey = query.AgentKey,
            VerbId = query.VerbId,
            ActivityId = query.ActivityId,
            Registration = query.Registration,
            RelatedActivities = query.RelatedActivities,
            RelatedAgents = query.RelatedAgents,
            Since = query.Since,
            Until = query.Until,
            Ascending = query.Ascending,
            AuthorityKey = mine,
            After = query.After,
            Limit = limit + 1,
        };

        var rows = await reader.QueryAsync(filter, ct);
        var page = rows.Take(limit).ToList();
        var statements = new JsonArray([.. await FormatAsync(page, caller.TenantId, query, request.Languages, ct)]);

        var more = rows.Count > limit
            ? options.MorePath + "?more=" + query.MoreToken(new StatementCursor(page[^1].Stored, page[^1].Seq))
            : string.Empty;
        var body = new JsonObject { ["statements"] = statements, ["more"] = more };
        DateTimeOffset? lastModified = page.Count == 0 ? null : page.Max(r => r.Stored);
        return new StatementsResponse(body, lastModified, page.Select(r => r.Id).ToList());
    }

    private static bool IsMine(StoredStatement statement, string authorityKey) =>
        statement.AuthorityKey == authorityKey;

    private async Task<JsonObject[]> FormatAsync(
        IReadOnlyList<StoredStatement> rows, Guid tenantId, StatementQuery query, IReadOnlyList<LanguagePreference> languages, CancellationToken ct)
    {
        var nodes = rows.Select(r => JsonNode.Parse(r.Json)!.AsObject()).ToArray();
        if (query.Format == StatementFormat.Exact)
        {
            return nodes;
        }

        Func<string, JsonObject?>? canonical = null;
        if (query.Format == StatementFormat.Canonical)
        {
            // Communication §2.1.3 canonical: the LRS's canonical definitions, looked up once for the whole page.
            var ids = nodes.SelectMany(n => StatementIndex.Extract(n).Activities).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var definitions = ids.Count == 0 ? null : await activities.FindDefinitionsAsync(tenantId, ids, ct);
            canonical = id => definitions?.GetValueOrDefault(id);
        }

        return nodes.Select(n => StatementFormatter.Format(n, query.Format, languages, canonical)).ToArray();
    }
}

/// <summary>Limits of statement queries.</summary>
public sealed class StatementQueryOptions
{
    /// <summary>The most statements one page holds; <c>limit=0</c> means this many.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>The path the <c>more</c> link points to, relative to the server root.</summary>
    public string MorePath { get; set; } = "/xapi/statements";
}
