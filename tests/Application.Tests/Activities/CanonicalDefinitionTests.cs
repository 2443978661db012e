using System.Text.Json.Nodes;
using Lrs.Application.Activities;

namespace Lrs.Application.Tests.Activities;

/// <summary>The merge rule of canonical Activity definitions (Data §2.4.4.1 LRS Requirements).</summary>
public class CanonicalDefinitionTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact] // Data §2.4.4.1: the first definition becomes the canonical one
    public void Merge_NoCanonical_TakesReceived()
    {
        var received = Json("""{"name":{"en":"A"},"type":"http://example.com/t"}""");

        Assert.Equal(received.ToJsonString(), CanonicalDefinition.Merge(null, received).ToJsonString());
    }

    [Fact] // Data §2.4.4.1: small corrections and translations are taken, language by language; other languages stay
    public void Merge_LanguageMapsAndExtensions_MergedKeyByKeyNewestWins()
    {
        var canonical = Json("""{"name":{"en":"Quizz","fr":"Quiz"},"extensions":{"http://e/a":1,"http://e/b":{"x":1}}}""");
        var received = Json("""{"name":{"en":"Quiz"},"description":{"en":"D"},"extensions":{"http://e/b":{"y":2}}}""");

        var merged = CanonicalDefinition.Merge(canonical, received);

        Assert.Equal("""{"name":{"en":"Quiz","fr":"Quiz"},"extensions":{"http://e/a":1,"http://e/b":{"y":2}},"description":{"en":"D"}}""", merged.ToJsonString());
    }

    [Fact] // Data §2.4.4.1: type and moreInfo are replaced by the newest; properties not received are kept
    public void Merge_TypeAndMoreInfo_ReplacedByNewest()
    {
        var canonical = Json("""{"type":"http://example.com/old","moreInfo":"http://example.com/old","name":{"en":"A"}}""");
        var received = Json("""{"type":"http://example.com/new"}""");

        var merged = CanonicalDefinition.Merge(canonical, received);

        Assert.Equal("""{"type":"http://example.com/new","moreInfo":"http://example.com/old","name":{"en":"A"}}""", merged.ToJsonString());
    }

    [Fact] // Data §2.4.4.1: no significant changes such as new correct responses; component descriptions may be corrected
    public void Merge_InteractionProperties_KeptOnceSetComponentDescriptionsMerged()
    {
        var canonical = Json("""
            {"interactionType":"choice","correctResponsesPattern":["a"],
             "choices":[{"id":"a","description":{"en":"Aple"}},{"id":"b","description":{"en":"Pear"}}]}
            """);
        var received = Json("""
            {"interactionType":"sequencing","correctResponsesPattern":["b"],
             "choices":[{"id":"a","description":{"en":"Apple","de":"Apfel"}},{"id":"c","description":{"en":"New"}}],
             "scale":[{"id":"s","description":{"en":"Scale"}}]}
            """);

        var merged = CanonicalDefinition.Merge(canonical, received);

        Assert.Equal("choice", merged["interactionType"]!.GetValue<string>());
        Assert.Equal("""["a"]""", merged["correctResponsesPattern"]!.ToJsonString());
        Assert.Equal("""[{"id":"a","description":{"en":"Apple","de":"Apfel"}},{"id":"b","description":{"en":"Pear"}}]""", merged["choices"]!.ToJsonString());
        Assert.Equal("""[{"id":"s","description":{"en":"Scale"}}]""", merged["scale"]!.ToJsonString()); // absent before: added
    }

    [Fact]
    public void Merge_Inputs_NeverModified()
    {
        var canonical = Json("""{"name":{"en":"A"}}""");
        var received = Json("""{"name":{"fr":"B"}}""");

        CanonicalDefinition.Merge(canonical, received);

        Assert.Equal("""{"name":{"en":"A"}}""", canonical.ToJsonString());
        Assert.Equal("""{"name":{"fr":"B"}}""", received.ToJsonString());
    }
}
