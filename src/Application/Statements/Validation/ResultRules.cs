using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>The statement's result and score (Data §2.4.5).</summary>
internal static class ResultRules
{
    private static readonly string[] ResultKeys = ["score", "success", "completion", "response", "duration", "extensions"];
    private static readonly string[] ScoreKeys = ["scaled", "raw", "min", "max"];

    public static void Validate(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "a result object") is not { } result)
        {
            return;
        }

        foreach (var (key, value) in result)
        {
            switch (key)
            {
                case "score":
                    Score(errors, path + ".score", value);
                    break;
                case "success" or "completion":
                    Values.Boolean(errors, path, key, value);
                    break;
                case "response":
                    Values.String(errors, path, "response", value);
                    break;
                case "duration":
                    if (Values.String(errors, path, "duration", value) is { } duration && !TimeFormats.IsDuration(duration))
                    {
                        errors.Add(path + ".duration", "must be an ISO 8601 duration such as PT1H30M, PT0.5S or P1D");
                    }

                    break;
                case "extensions":
                    Values.Extensions(errors, path, "extensions", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "a result", ResultKeys);
                    break;
            }
        }
    }

    /// <summary>scaled in [-1, 1]; min &lt; max; min &lt;= raw &lt;= max (Data §2.4.5.1).</summary>
    private static void Score(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "a score object") is not { } score)
        {
            return;
        }

        double? scaled = null, raw = null, min = null, max = null;
        foreach (var (key, value) in score)
        {
            switch (key)
            {
                case "scaled":
                    scaled = Values.Number(errors, path, "scaled", value);
                    break;
                case "raw":
                    raw = Values.Number(errors, path, "raw", value);
                    break;
                case "min":
                    min = Values.Number(errors, path, "min", value);
                    break;
                case "max":
                    max = Values.Number(errors, path, "max", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "a score", ScoreKeys);
                    break;
            }
        }

        if (scaled is < -1 or > 1)
        {
            errors.Add(path + ".scaled", "must be between -1 and 1 inclusive");
        }

        if (min is { } low && max is { } high && low >= high)
        {
            errors.Add(path + ".max", "must be greater than min");
        }

        if (raw is { } r && min is { } floor && r < floor)
        {
            errors.Add(path + ".raw", "must not be less than min");
        }

        if (raw is { } s && max is { } ceiling && s > ceiling)
        {
            errors.Add(path + ".raw", "must not be greater than max");
        }
    }
}
