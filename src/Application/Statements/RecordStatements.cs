using System.Buffers;
using System.Text;
using System.Text.Json;
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
        // Data §2.4: id, stored, authority and version are the LRS's to set. The authority is the caller's, also for the
        // index (related_agents matches it); the received node is not used again, so it is replaced in place.
        statement["authority"] = caller.Authority.DeepClone();
        var assigned = statement["timestamp"] is null;

        // Communication §4.2: without the define scope the statement is stored but leaves canonical definitions alone.
        var index = StatementIndex.Extract(statement);
        if (!caller.Scopes.CanDefine())
        {
            index = index with { Definitions = [] };
        }

        return new PreparedStatement(id, StoredForm(statement, id, storedText, assigned), stored, caller.AuthorityKey, index, assigned);
    }

    /// <summary>
    /// The statement as stored: the id first for readability, the received properties in their order, then a timestamp
    /// defaulting to stored (Data §2.4.7), stored, authority and the version (Data §2.4.10: 1.0.0 when not given).
    /// Written straight from the received nodes rather than through a reordered copy of the tree.
    /// </summary>
    private static string StoredForm(JsonObject statement, Guid id, string storedText, bool timestampAssigned)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StatementJson.Options.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            foreach (var (name, value) in statement)
            {
                if (name is "id" or "stored" or "authority" || (value is null && name is "timestamp" or "version"))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            if (timestampAssigned)
            {
                writer.WriteString("timestamp", storedText);
            }

            writer.WriteString("stored", storedText);
            writer.WritePropertyName("authority");
            WriteValue(writer, statement["authority"]);
            if (statement["version"] is null)
            {
                writer.WriteString("version", "1.0.0");
            }

            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1024 * 1024)
        {
            t_buffer = null; // an exceptionally large statement does not keep its buffer for the thread's lifetime
        }

        return json;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer, StatementJson.Options);
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;
}
