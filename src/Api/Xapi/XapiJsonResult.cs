using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Api.Xapi;

/// <summary>A JSON response body serialised as statements are (UTF-8 kept as is).</summary>
public static class XapiJsonResult
{
    public static IResult Create(JsonNode body) =>
        TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, StatementJson.Options), "application/json");
}
