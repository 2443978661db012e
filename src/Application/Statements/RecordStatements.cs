using System.Text.Json.Nodes;
using Lrs.Application.Common;
using Lrs.Application.Security;
using Lrs.Application.Statements.Attachments;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Statements;

/// <summary>
/// Store one statement (PUT, with <paramref name="StatementId"/>) or a batch (POST).
/// Communication §2.1.1–2.1.2, Data §2. <paramref name="Parts"/> holds the attachment parts of a
/// <c>multipart/mixed</c> request (Communication §1.5.2); null for an <c>application/json</c> request.
/// </summary>
public sealed record RecordStatements(XapiCaller Caller, JsonNode? Body, Guid? StatementId = null, IReadOnlyList<AttachmentPayload>? Parts = null);

public sealed class RecordStatementsHandler(IStatementIngest ingest, StoredClock clock)
{
    private const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>Returns the ids of the statements, in request order.</summary>
    public async Task<XapiResult<IReadOnlyList<Guid>>> HandleAsync(RecordStatements command, CancellationToken ct)
    {
        var statements = Normalise(command);
        if (!statements.IsSuccess)
        {
            return statements.Error!;
        }

        var list = statements.Value!;
        var assigned = list.Select(s => command.StatementId is null && s["id"] is null).ToArray();
        var ids = AssignIds(list, command.StatementId);
        if (!ids.IsSuccess)
        {
            return ids.Error!;
        }

        var voidingError = CheckVoidingWithinBatch(list, ids.Value!);
        if (voidingError is not null)
        {
            return voidingError;
        }

        var attachments = StatementAttachments.Match(list, command.Parts);
        if (!attachments.IsSuccess)
        {
            return attachments.Error!;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (StatementSignature.Check(list[i], attachments.Value![i]) is { } reason)
            {
                return XapiError.BadRequest(list.Count == 1 ? reason : $"Statement {i}: {reason}");
            }
        }

        using var reservation = clock.Reserve();
        var prepared = new PreparedStatement[list.Count];
        var stored = StatementJson.FormatTimestamp(reservation.Stored);
        for (var i = 0; i < list.Count; i++)
        {
            prepared[i] = Prepare(list[i], ids.Value![i], stored, reservation.Stored, command.Caller) with
            {
                Attachments = attachments.Value![i],
                IdAssigned = assigned[i],
            };
        }

        var result = prepared.Length == 0
            ? IngestResult.Stored
            : await ingest.WriteAsync(command.Caller.TenantId, prepared, ct);

        return result.Outcome switch
        {
            IngestOutcome.Stored => ids.Value!,
            IngestOutcome.Conflict => XapiError.Conflict(result.Message ?? "A statement with this id is already stored with different content."),
            IngestOutcome.Busy => XapiError.Busy(result.Message ?? "The LRS is busy; retry shortly."),
            _ => XapiError.BadRequest(result.Message ?? "The statements were rejected."),
        };
    }

    private static XapiResult<List<JsonObject>> Normalise(RecordStatements command)
    {
        IReadOnlyList<ValidationError> errors = command.StatementId is null
            ? StatementValidator.ValidateBatch(command.Body)
            : StatementValidator.Validate(command.Body);
        if (errors.Count > 0)
        {
            return XapiError.BadRequest(Describe(errors));
        }

        return command.Body switch
        {
            JsonArray array => array.Select(n => n!.AsObject()).ToList(),
            JsonObject single => new List<JsonObject> { single },
            _ => XapiError.BadRequest("The request body must be a statement object or an array of statements."),
        };
    }

    private static string Describe(IReadOnlyList<ValidationError> errors)
    {
        var shown = errors.Take(5).Select(e => $"{e.Path}: {e.Message}");
        var more = errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty;
        return "Invalid statement. " + string.Join("; ", shown) + more;
    }

    private static XapiResult<Guid[]> AssignIds(List<JsonObject> statements, Guid? putId)
    {
        var ids = new Guid[statements.Count];
        var seen = new HashSet<Guid>();
        for (var i = 0; i < statements.Count; i++)
        {
            var given = statements[i]["id"]?.GetValue<string>();
            if (putId is { } expected)
            {
                if (given is not null && Guid.Parse(given) != expected)
                {
                    return XapiError.BadRequest($"The statement id '{given}' does not match the statementId parameter '{expected}'.");
                }

                ids[i] = expected;
            }
            else
            {
                ids[i] = given is null ? Guid.CreateVersion7() : Guid.Parse(given);
            }

            if (!seen.Add(ids[i]))
            {
                // Communication §2.1.2: a batch with two statements of the same id is rejected.
                return XapiError.BadRequest($"The batch contains statement id '{ids[i]}' more than once.");
            }
        }

        return ids;
    }

    private static XapiError? CheckVoidingWithinBatch(List<JsonObject> statements, Guid[] ids)
    {
        var voiding = new HashSet<Guid>();
        for (var i = 0; i < statements.Count; i++)
        {
            if (IsVoiding(statements[i]))
            {
                voiding.Add(ids[i]);
            }
        }

        foreach (var statement in statements.Where(IsVoiding))
        {
            var target = Guid.Parse(statement["object"]!["id"]!.GetValue<string>());
            if (voiding.Contains(target))
            {
                // Data §2.3.2: a voiding statement cannot itself be voided.
                return XapiError.BadRequest($"Statement '{target}' is a voiding statement and cannot be voided.");
            }
        }

        return null;
    }

    private static bool IsVoiding(JsonObject s) =>
        s["verb"]?["id"]?.GetValue<string>() == VoidedVerb && s["object"]?["objectType"]?.GetValue<string>() == "StatementRef";

    private static PreparedStatement Prepare(JsonObject statement, Guid id, string storedText, DateTimeOffset stored, XapiCaller caller)
    {
        // Data §2.4: id, stored, authority and version are the LRS's to set; the id goes first for readability.
        var ordered = new JsonObject { ["id"] = id.ToString() };
        foreach (var (name, value) in statement.ToList())
        {
            if (name is "id" or "stored" or "authority")
            {
                continue;
            }

            statement.Remove(name);
            ordered[name] = value;
        }

        var assigned = ordered["timestamp"] is null;
        ordered["timestamp"] ??= storedText; // Data §2.4.7: timestamp defaults to stored.
        ordered["stored"] = storedText;
        ordered["authority"] = caller.Authority.DeepClone();
        ordered["version"] ??= "1.0.0";

        // Communication §4.2: without the define scope the statement is stored but leaves canonical definitions alone.
        var index = StatementIndex.Extract(ordered);
        if (!caller.Scopes.CanDefine())
        {
            index = index with { Definitions = [] };
        }

        return new PreparedStatement(id, StatementJson.Serialize(ordered), stored, caller.AuthorityKey, index, assigned);
    }
}
