using System.Text.Json.Nodes;

namespace Lrs.Application.Demo;

/// <summary>
/// A quiz question as an xAPI interaction activity (Data §2.4.4.1): its definition, the correct response pattern, and
/// the wrong responses learners give. Responses use the pattern syntax of the interaction type (<c>[,]</c>, <c>[.]</c>).
/// </summary>
public sealed record DemoQuestion(string Slug, string Prompt, string InteractionType, string Correct, IReadOnlyList<string> Wrong)
{
    private const string InteractionActivityType = "http://adlnet.gov/expapi/activities/cmi.interaction";

    /// <summary>Interaction components: choices for choice and sequencing, source and target for matching.</summary>
    public IReadOnlyList<(string Id, string Text)> Choices { get; private init; } = [];

    public IReadOnlyList<(string Id, string Text)> Targets { get; private init; } = [];

    /// <summary>One correct choice among several; every other choice is a wrong answer.</summary>
    public static DemoQuestion Choice(string slug, string prompt, string correct, params (string Id, string Text)[] choices) =>
        new(slug, prompt, "choice", correct, [.. choices.Select(c => c.Id).Where(id => id != correct)]) { Choices = choices };

    /// <summary>Several choices together are correct; the wrong answers miss one or add one.</summary>
    public static DemoQuestion MultipleChoice(string slug, string prompt, string[] correct, params (string Id, string Text)[] choices)
    {
        var wrong = new List<string> { string.Join("[,]", correct[..^1]) };
        wrong.AddRange(choices.Select(c => c.Id).Where(id => !correct.Contains(id)).Select(extra => string.Join("[,]", correct.Append(extra))));
        return new(slug, prompt, "choice", string.Join("[,]", correct), wrong) { Choices = choices };
    }

    public static DemoQuestion TrueFalse(string slug, string prompt, bool answer) =>
        new(slug, prompt, "true-false", answer ? "true" : "false", [answer ? "false" : "true"]);

    public static DemoQuestion FillIn(string slug, string prompt, string answer, params string[] wrong) => new(slug, prompt, "fill-in", answer, wrong);

    public static DemoQuestion Numeric(string slug, string prompt, int answer, params int[] wrong) =>
        new(slug, prompt, "numeric", answer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [.. wrong.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>Put the steps in order; the wrong answers swap two neighbours.</summary>
    public static DemoQuestion Sequencing(string slug, string prompt, params (string Id, string Text)[] steps)
    {
        var ids = steps.Select(s => s.Id).ToArray();
        return new(slug, prompt, "sequencing", string.Join("[,]", ids), [.. NeighboursSwapped(ids).Select(w => string.Join("[,]", w))])
        {
            Choices = steps,
        };
    }

    /// <summary>Match each source to the target of the same index; the wrong answers swap two targets.</summary>
    public static DemoQuestion Matching(string slug, string prompt, (string Id, string Text)[] sources, (string Id, string Text)[] targets)
    {
        string Pairs(IReadOnlyList<string> t) => string.Join("[,]", sources.Select((s, i) => $"{s.Id}[.]{t[i]}"));
        var ids = targets.Select(t => t.Id).ToArray();
        return new(slug, prompt, "matching", Pairs(ids), [.. NeighboursSwapped(ids).Select(Pairs)]) { Choices = sources, Targets = targets };
    }

    /// <summary>The orders that differ from <paramref name="ids"/> by swapping one pair of neighbours: the near misses.</summary>
    private static IEnumerable<string[]> NeighboursSwapped(string[] ids) => Enumerable.Range(0, ids.Length - 1).Select(i =>
    {
        var swapped = (string[])ids.Clone();
        (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
        return swapped;
    });

    /// <summary>The activity definition sent with every answer to the question.</summary>
    public JsonObject Definition()
    {
        var definition = new JsonObject
        {
            ["name"] = new JsonObject { ["en-US"] = Prompt },
            ["type"] = InteractionActivityType,
            ["interactionType"] = InteractionType,
            ["correctResponsesPattern"] = new JsonArray(Correct),
        };
        if (InteractionType == "matching")
        {
            definition["source"] = Components(Choices);
            definition["target"] = Components(Targets);
        }
        else if (Choices.Count > 0)
        {
            definition["choices"] = Components(Choices);
        }

        return definition;
    }

    private static JsonArray Components(IEnumerable<(string Id, string Text)> components) =>
        [.. components.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["description"] = new JsonObject { ["en-US"] = c.Text } })];
}
