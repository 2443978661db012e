using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Application.Tests.Statements;

// Communication §2.1.3 "format" parameter.
public class StatementFormatterTests
{
    private static readonly IReadOnlyList<LanguagePreference> NoLanguages = [];

    private static JsonObject Full() => TestJson.Parse(TestJson.FullStatement);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Theory] // Communication §2.1.3: formatting never changes the stored statement
    [InlineData(StatementFormat.Exact)]
    [InlineData(StatementFormat.Ids)]
    [InlineData(StatementFormat.Canonical)]
    public void Format_AnyFormat_ReturnsNewTreeAndLeavesInputUntouched(StatementFormat format)
    {
        var statement = Full();
        var definition = TestJson.Parse("""{ "name": { "en": "Canonical", "de": "Kanonisch" } }""");

        var result = StatementFormatter.Format(statement, format, AcceptLanguage.Parse("de"), _ => definition);

        Assert.True(JsonNode.DeepEquals(Full(), statement));
        Assert.True(JsonNode.DeepEquals(TestJson.Parse("""{ "name": { "en": "Canonical", "de": "Kanonisch" } }"""), definition));
        Assert.NotSame(statement, result);
        Assert.Null(result.Parent);
    }

    [Fact] // Communication §2.1.3 exact: everything as received
    public void Format_Exact_DeepCloneEqualToInput()
    {
        var statement = Full();

        var result = StatementFormatter.Format(statement, StatementFormat.Exact, NoLanguages);

        Assert.True(JsonNode.DeepEquals(statement, result));
        Assert.NotSame(statement["actor"], result["actor"]);
    }

    [Fact] // Communication §2.1.3 ids: minimum information to identify Agents, Groups, Activities and Verbs
    public void Format_Ids_ReducesEveryPosition()
    {
        var result = StatementFormatter.Format(Full(), StatementFormat.Ids, NoLanguages);

        AssertJson("""
            {
              "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
              "actor": { "objectType": "Agent", "mbox": "mailto:ann@Example.com" },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" },
              "object": { "objectType": "Activity", "id": "http://example.com/course/1" },
              "result": { "score": { "raw": 1.0 }, "duration": "PT1H", "success": true },
              "context": {
                "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
                "instructor": { "objectType": "Agent", "mbox_sha1sum": "ABCDEF0123456789ABCDEF0123456789ABCDEF01" },
                "team": { "objectType": "Group", "member": [ { "objectType": "Agent", "openid": "http://openid.example.com/bob" } ] },
                "contextActivities": {
                  "parent": { "objectType": "Activity", "id": "http://example.com/parent" },
                  "grouping": [ { "objectType": "Activity", "id": "http://example.com/grouping" } ],
                  "category": [ { "objectType": "Activity", "id": "http://example.com/category" } ],
                  "other": [ { "objectType": "Activity", "id": "http://example.com/other" } ]
                },
                "extensions": { "http://example.com/ext": { "a": [1, 2] } }
              },
              "timestamp": "2013-05-18T05:32:34.804+00:00",
              "stored": "2013-05-18T05:32:35.000Z",
              "version": "1.0.3",
              "authority": { "objectType": "Agent", "account": { "homePage": "http://lrs.example.com", "name": "client" } }
            }
            """, result);
    }

    [Fact] // Communication §2.1.3 ids: an identified Group is its IFI alone; an Agent object too
    public void Format_IdsIdentifiedGroupAndAgentObject_IfiOnly()
    {
        var statement = TestJson.Parse("""
            {
              "actor": { "objectType": "Group", "name": "G", "openid": "http://g", "member": [ { "name": "A", "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v", "display": { "en": "v" } },
              "object": { "objectType": "Agent", "name": "B", "account": { "homePage": "http://h", "name": "b" } }
            }
            """);

        var result = StatementFormatter.Format(statement, StatementFormat.Ids, NoLanguages);

        AssertJson("""
            {
              "actor": { "objectType": "Group", "openid": "http://g" },
              "verb": { "id": "http://v" },
              "object": { "objectType": "Agent", "account": { "homePage": "http://h", "name": "b" } }
            }
            """, result);
    }

    [Fact] // Communication §2.1.3 ids: applies inside a SubStatement; StatementRefs are already minimal
    public void Format_IdsSubStatement_ReducedRecursively()
    {
        var statement = TestJson.Parse("""
            {
              "actor": { "objectType": "Group", "name": "anon", "member": [ { "name": "A", "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" },
              "object": {
                "objectType": "SubStatement",
                "actor": { "name": "B", "mbox": "mailto:b@x.com" },
                "verb": { "id": "http://v2", "display": { "en": "v2" } },
                "object": { "id": "http://a", "definition": { "name": { "en": "A" } } },
                "result": { "completion": true },
                "context": { "instructor": { "name": "I", "openid": "http://i" }, "contextActivities": { "parent": [ { "id": "http://p", "definition": { } } ] },
                             "statement": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" } }
              }
            }
            """);

        var result = StatementFormatter.Format(statement, StatementFormat.Ids, NoLanguages);

        AssertJson("""
            {
              "actor": { "objectType": "Group", "member": [ { "objectType": "Agent", "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" },
              "object": {
                "objectType": "SubStatement",
                "actor": { "objectType": "Agent", "mbox": "mailto:b@x.com" },
                "verb": { "id": "http://v2" },
                "object": { "objectType": "Activity", "id": "http://a" },
                "result": { "completion": true },
                "context": { "instructor": { "objectType": "Agent", "openid": "http://i" }, "contextActivities": { "parent": [ { "objectType": "Activity", "id": "http://p" } ] },
                             "statement": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" } }
              }
            }
            """, result);
    }

    [Fact] // Communication §2.1.3 ids: StatementRef objects are kept; odd shapes are copied, not thrown on
    public void Format_IdsStatementRefAndOddShapes_Copied()
    {
        var statement = TestJson.Parse("""
            {
              "actor": "odd", "verb": "odd", "context": "odd",
              "object": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" }
            }
            """);

        var result = StatementFormatter.Format(statement, StatementFormat.Ids, NoLanguages);

        Assert.True(JsonNode.DeepEquals(statement, result));

        var odd = TestJson.Parse("""{ "object": [1], "context": { "contextActivities": "x", "team": null } }""");
        Assert.True(JsonNode.DeepEquals(odd, StatementFormatter.Format(odd, StatementFormat.Ids, NoLanguages)));
        var oddList = TestJson.Parse("""{ "context": { "contextActivities": { "parent": ["x"], "other": 5 } } }""");
        Assert.True(JsonNode.DeepEquals(oddList, StatementFormatter.Format(oddList, StatementFormat.Ids, NoLanguages)));
    }

    [Fact] // Language Filtering Requirements: every map reduced to the preferred language
    public void Format_CanonicalWithGerman_PicksGermanOrPrefixMatch()
    {
        var result = StatementFormatter.Format(Full(), StatementFormat.Canonical, AcceptLanguage.Parse("de;q=0.9, fr;q=0.5"));

        AssertJson("""{ "de-DE": "abgeschlossen" }""", result["verb"]!["display"]);
        var definition = result["object"]!["definition"]!;
        AssertJson("""{ "de": "Kurs" }""", definition["name"]);
        AssertJson("""{ "fr-FR": "Un cours" }""", definition["description"]);
        AssertJson("""{ "de": "Apfel" }""", definition["choices"]![0]!["description"]);
        AssertJson("""{ "fr": "G-fr" }""", result["context"]!["contextActivities"]!["grouping"]![0]!["definition"]!["name"]);
    }

    [Fact] // Language Filtering Requirements: without Accept-Language one entry is still returned, English first
    public void Format_CanonicalWithoutHeader_DefaultsToEnglish()
    {
        var result = StatementFormatter.Format(Full(), StatementFormat.Canonical, NoLanguages);

        AssertJson("""{ "en-US": "completed" }""", result["verb"]!["display"]);
        AssertJson("""{ "en": "A course" }""", result["object"]!["definition"]!["description"]);
    }

    [Fact] // Communication §2.1.3 canonical: Agents and Groups as exact, other properties untouched
    public void Format_Canonical_AgentsAndResultExact()
    {
        var original = Full();

        var result = StatementFormatter.Format(original, StatementFormat.Canonical, AcceptLanguage.Parse("fr"));

        foreach (var name in new[] { "actor", "authority", "result", "timestamp", "id" })
        {
            Assert.True(JsonNode.DeepEquals(original[name], result[name]), name);
        }

        Assert.True(JsonNode.DeepEquals(original["context"]!["team"], result["context"]!["team"]));
        Assert.Equal("choice", (string?)result["object"]!["definition"]!["interactionType"]);
    }

    [Fact] // Communication §2.1.3 canonical: the LRS's canonical definition replaces the statement's own
    public void Format_CanonicalDefinitionAvailable_Replaces()
    {
        var canonical = TestJson.Parse("""
            { "name": { "en-US": "Canonical course", "es": "Curso" }, "type": "http://adlnet.gov/expapi/activities/course",
              "interactionType": "likert", "scale": [ { "id": "1", "description": { "es": "uno", "en": "one" } } ] }
            """);
        var requested = new List<string>();

        var result = StatementFormatter.Format(Full(), StatementFormat.Canonical, AcceptLanguage.Parse("es"), id =>
        {
            requested.Add(id);
            return id == "http://example.com/course/1" ? canonical : null;
        });

        AssertJson("""
            { "name": { "es": "Curso" }, "type": "http://adlnet.gov/expapi/activities/course",
              "interactionType": "likert", "scale": [ { "id": "1", "description": { "es": "uno" } } ] }
            """, result["object"]!["definition"]);
        Assert.Contains("http://example.com/parent", requested);
        Assert.Contains("http://example.com/grouping", requested);
        AssertJson("""{ "en-US": "G" }""", result["context"]!["contextActivities"]!["grouping"]![0]!["definition"]!["name"]);
        Assert.Null(result["context"]!["contextActivities"]!["parent"]!["definition"]);
    }

    [Fact] // Communication §2.1.3 canonical: context activities without a definition gain the canonical one
    public void Format_CanonicalDefinitionForBareContextActivity_Added()
    {
        var result = StatementFormatter.Format(Full(), StatementFormat.Canonical, NoLanguages,
            id => id == "http://example.com/parent" ? TestJson.Parse("""{ "name": { "fr": "Parent", "en-GB": "Parent GB" } }""") : null);

        AssertJson("""{ "name": { "en-GB": "Parent GB" } }""", result["context"]!["contextActivities"]!["parent"]!["definition"]);
    }

    [Fact] // Communication §2.1.3 canonical: applies inside a SubStatement
    public void Format_CanonicalSubStatement_Reduced()
    {
        var statement = TestJson.Parse("""
            {
              "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v", "display": { "en": "v", "de": "V" } },
              "object": {
                "objectType": "SubStatement", "actor": { "mbox": "mailto:a@x.com" },
                "verb": { "id": "http://v2", "display": { "en": "v2", "de": "V2" } },
                "object": { "id": "http://a", "definition": { "name": { "en": "A", "de": "Ä" },
                            "source": [ { "id": "s", "description": { "en": "S", "de": "SS" } } ],
                            "target": [ { "id": "t" } ], "steps": "odd" } },
                "context": { "contextActivities": { "other": { "id": "http://o", "definition": { "description": { "de": "O", "en": "o" } } } } }
              }
            }
            """);

        var result = StatementFormatter.Format(statement, StatementFormat.Canonical, AcceptLanguage.Parse("de"));

        AssertJson("""
            {
              "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v", "display": { "de": "V" } },
              "object": {
                "objectType": "SubStatement", "actor": { "mbox": "mailto:a@x.com" },
                "verb": { "id": "http://v2", "display": { "de": "V2" } },
                "object": { "id": "http://a", "definition": { "name": { "de": "Ä" },
                            "source": [ { "id": "s", "description": { "de": "SS" } } ],
                            "target": [ { "id": "t" } ], "steps": "odd" } },
                "context": { "contextActivities": { "other": { "id": "http://o", "definition": { "description": { "de": "O" } } } } }
              }
            }
            """, result);
    }

    [Fact] // Communication §2.1.3 canonical: Agent and StatementRef objects are left as they are
    public void Format_CanonicalNonActivityObject_Unchanged()
    {
        var statement = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com", "name": "A" }, "verb": { "id": "http://v" },
              "object": { "objectType": "Agent", "mbox": "mailto:b@x.com", "name": "B" } }
            """);

        var result = StatementFormatter.Format(statement, StatementFormat.Canonical, NoLanguages, _ => throw new InvalidOperationException());

        Assert.True(JsonNode.DeepEquals(statement, result));
    }
}
