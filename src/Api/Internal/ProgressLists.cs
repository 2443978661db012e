using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Api.Xapi;
using Lrs.Application.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace Lrs.Api.Internal;

/// <summary>What the progress and report lists share: the limit parameter, the next link, problems and JSON.</summary>
internal static class ProgressLists
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The limit parameter as a number (the handler checks its range), or a 400.</summary>
    public static bool TryLimit(string? limit, out int? size, out IResult? problem)
    {
        size = null;
        problem = null;
        if (limit is null)
        {
            return true;
        }

        if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            size = parsed;
            return true;
        }

        problem = XapiProblem.Result(StatusCodes.Status400BadRequest, "limit must be a whole number between 1 and 200.");
        return false;
    }

    /// <summary>The same request with <paramref name="cursor"/> in place of its own; null when there is no next page.</summary>
    public static string? Next(HttpRequest request, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var query = request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["cursor"] = cursor;
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
    }

    public static IResult Problem(XapiError error) => XapiProblem.Result(error.Status, error.Message);

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Json);
}
