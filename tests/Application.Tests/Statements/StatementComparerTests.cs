using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Application.Tests.Statements;

// Data §2.3.1 Statement Comparison Requirements.
public class StatementComparerTests
{
    private static readonly JsonObject Original = TestJson.Parse(TestJson.FullStatement);

    private static JsonObject Variant(Action<JsonObject> change)
    {
        var copy = TestJson.Parse(TestJson.FullStatement);
        change(copy);
        return copy;
    }

    private static JsonObject Object(JsonObject root, string path)
    {
        var node = root;
        foreach (var name in path.Split('.'))
        {
            node = node[name]!.AsObject();
        }

        return node;
    }

    private static void AssertEquivalent(Action<JsonObject> change)
    {
        var incoming = Variant(change);
        Assert.True(StatementComparer.AreEquivalent(Original, incoming));
        Assert.True(StatementComparer.AreEquivalent(incoming, Original));
    }

    private static void AssertDifferent(Action<JsonObject> change)
    {
        var incoming = Variant(change);
        Assert.False(StatementComparer.AreEquivalent(Original, incoming));
        Assert.False(StatementComparer.AreEquivalent(incoming, Original));
    }

    [Fact]
    public void AreEquivalent_SameStatement_True() => AssertEquivalent(_ => { });

    [Fact] // Data §2.3.1: id, authority, stored, version are assigned by the LRS
    public void AreEquivalent_LrsAssignedPropertiesRemoved_True() => AssertEquivalent(s =>
    {
        s.Remove("id");
        s.Remove("authority");
        s.Remove("stored");
        s.Remove("version");
    });

    [Fact] // Data §2.3.1: id, authority, stored, version are assigned by the LRS
    public void AreEquivalent_LrsAssignedPropertiesChanged_True() => AssertEquivalent(s =>
    {
        s["id"] = "11111111-2222-4333-8444-555555555555";
        s["authority"] = new JsonObject { ["mbox"] = "mailto:other@example.com" };
        s["stored"] = "2020-01-01T00:00:00Z";
        s["version"] = "1.0.0";
    });

    [Fact] // Data §2.3.1: timestamp may be assigned by the LRS when absent
    public void AreEquivalent_TimestampMissingOnOneSide_True() => AssertEquivalent(s => s.Remove("timestamp"));

    [Theory] // Data §2.3.1 / §4.5: timestamps may be re-zoned, re-serialised, truncated or rounded to milliseconds
    [InlineData("2013-05-18T05:32:34.804Z")]
    [InlineData("2013-05-18T01:32:34.804-04:00")]
    [InlineData("2013-05-18T05:32:34.8040000Z")]
    [InlineData("2013-05-18T05:32:34.8049+00:00")]
    [InlineData("2013-05-18T05:32:34.80351Z")]
    [InlineData("2013-05-18T05:32:34.804000001Z")]
    [InlineData("2013-05-18T05:32:34.804")]
    public void AreEquivalent_SameInstantDifferentSerialisation_True(string timestamp) =>
        AssertEquivalent(s => s["timestamp"] = timestamp);

    [Theory] // Data §2.3.1: a different point in time is a real difference
    [InlineData("2013-05-18T05:32:34.805Z")]
    [InlineData("2013-05-18T05:32:34.804+01:00")]
    [InlineData("not a timestamp")]
    public void AreEquivalent_DifferentInstant_False(string timestamp) =>
        AssertDifferent(s => s["timestamp"] = timestamp);

    [Fact] // Data §2.3.1: the Verb's display is not part of the statement
    public void AreEquivalent_VerbDisplayChangedOrRemoved_True()
    {
        AssertEquivalent(s => Object(s, "verb")["display"] = new JsonObject { ["en-GB"] = "finished" });
        AssertEquivalent(s => Object(s, "verb").Remove("display"));
    }

    [Fact] // Data §2.3.1: a different Verb id is a real difference
    public void AreEquivalent_DifferentVerbId_False() =>
        AssertDifferent(s => Object(s, "verb")["id"] = "http://adlnet.gov/expapi/verbs/attempted");

    [Fact] // Data §2.3.1: Activity definitions are not part of the statement
    public void AreEquivalent_ObjectDefinitionChangedOrRemoved_True()
    {
        AssertEquivalent(s => Object(s, "object.definition")["name"] = new JsonObject { ["en-US"] = "Renamed" });
        AssertEquivalent(s => Object(s, "object").Remove("definition"));
    }

    [Fact] // Data §2.3.1: definitions of context activities are ignored too
    public void AreEquivalent_ContextActivityDefinitionRemoved_True() =>
        AssertEquivalent(s => Object(s, "context.contextActivities")["grouping"]![0]!.AsObject().Remove("definition"));

    [Fact] // Data §2.4.4.1: objectType "Activity" is implied when absent
    public void AreEquivalent_ActivityObjectTypeOmitted_True() => AssertEquivalent(s =>
    {
        Object(s, "object").Remove("objectType");
        Object(s, "context.contextActivities")["grouping"]![0]!.AsObject().Remove("objectType");
    });

    [Fact] // Data §2.4.2.1: objectType "Agent" is implied when absent
    public void AreEquivalent_AgentObjectTypeOmitted_True() => AssertEquivalent(s => Object(s, "actor").Remove("objectType"));

    [Fact] // Data §2.3.1: a different object id is a real difference
    public void AreEquivalent_DifferentObjectId_False() =>
        AssertDifferent(s => Object(s, "object")["id"] = "http://example.com/course/2");

    [Fact] // Data §2.3.1: a different object type is a real difference
    public void AreEquivalent_ObjectTypeChanged_False() => AssertDifferent(s => s["object"] = new JsonObject
    {
        ["objectType"] = "Agent",
        ["mbox"] = "mailto:ann@example.com",
    });

    [Fact] // Data §2.3.1: an Agent or Group object gets the same case and order exceptions as the actor
    public void AreEquivalent_AgentObjectExceptions_Ignored()
    {
        var existing = Variant(s => s["object"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:bob@x.com" });
        var incoming = Variant(s => s["object"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:bob@X.COM" });
        var other = Variant(s => s["object"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:carl@x.com" });

        Assert.True(StatementComparer.AreEquivalent(existing, incoming));
        Assert.False(StatementComparer.AreEquivalent(existing, other));
    }

    [Fact] // Data §2.3.1: "attachments" are not part of the statement
    public void AreEquivalent_AttachmentsDiffer_True() => AssertEquivalent(s => s["attachments"] = new JsonArray(
        new JsonObject { ["usageType"] = "http://u", ["contentType"] = "text/plain", ["length"] = 1, ["sha2"] = "ab" }));

    [Fact] // Data §2.3.1: the domain part of an e-mail address is case insensitive
    public void AreEquivalent_MboxDomainCaseDiffers_True() =>
        AssertEquivalent(s => Object(s, "actor")["mbox"] = "mailto:ann@EXAMPLE.COM");

    [Fact] // Data §2.3.1: the local part of an e-mail address is not covered by the exception
    public void AreEquivalent_MboxLocalPartCaseDiffers_False() =>
        AssertDifferent(s => Object(s, "actor")["mbox"] = "mailto:Ann@example.com");

    [Fact] // Data §2.3.1: hex digits of mbox_sha1sum are case insensitive
    public void AreEquivalent_MboxSha1SumCaseDiffers_True() =>
        AssertEquivalent(s => Object(s, "context.instructor")["mbox_sha1sum"] = "abcdef0123456789abcdef0123456789abcdef01");

    [Fact] // Data §2.3.1: a different agent is a real difference
    public void AreEquivalent_DifferentAgent_False()
    {
        AssertDifferent(s => Object(s, "context.instructor")["mbox_sha1sum"] = "0000000000000000000000000000000000000000");
        AssertDifferent(s => Object(s, "actor")["name"] = "Anne");
        AssertDifferent(s => Object(s, "actor")["objectType"] = "Group");
    }

    [Fact] // Data §2.3.1: Group members are an unordered list
    public void AreEquivalent_GroupMembersReordered_True()
    {
        var existing = TestJson.Parse("""
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@x.com" }, { "mbox": "mailto:b@x.com" }, { "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);
        var incoming = TestJson.Parse("""
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:b@X.com" }, { "mbox": "mailto:a@x.com" }, { "objectType": "Agent", "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);

        Assert.True(StatementComparer.AreEquivalent(existing, incoming));
    }

    [Fact] // Data §2.3.1: different Group membership is a real difference
    public void AreEquivalent_GroupMembersDiffer_False()
    {
        var existing = TestJson.Parse("""
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@x.com" }, { "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);
        var duplicated = TestJson.Parse("""
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@x.com" }, { "mbox": "mailto:b@x.com" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);
        var shorter = TestJson.Parse("""
            { "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@x.com" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);

        Assert.False(StatementComparer.AreEquivalent(existing, duplicated));
        Assert.False(StatementComparer.AreEquivalent(duplicated, existing));
        Assert.False(StatementComparer.AreEquivalent(existing, shorter));
    }

    [Fact] // Data §2.3.1: team members are unordered as well
    public void AreEquivalent_TeamMembersReordered_True()
    {
        var existing = Variant(s => Object(s, "context.team")["member"] = new JsonArray(
            new JsonObject { ["mbox"] = "mailto:z@x.com" }, new JsonObject { ["openid"] = "http://openid.example.com/bob" }));
        var incoming = Variant(s => Object(s, "context.team")["member"] = new JsonArray(
            new JsonObject { ["openid"] = "http://openid.example.com/bob" }, new JsonObject { ["mbox"] = "mailto:z@x.com" }));

        Assert.True(StatementComparer.AreEquivalent(existing, incoming));
    }

    [Fact] // Data §2.4.6.2: a single context activity object equals a one-element array
    public void AreEquivalent_ContextActivitySingleVersusArray_True() => AssertEquivalent(s =>
    {
        var contextActivities = Object(s, "context.contextActivities");
        contextActivities["parent"] = new JsonArray(new JsonObject { ["id"] = "http://example.com/parent" });
        contextActivities["category"] = new JsonObject { ["id"] = "http://example.com/category" };
    });

    [Fact] // Data §2.3.1: context activities are an ordered list with real content
    public void AreEquivalent_ContextActivitiesDiffer_False()
    {
        AssertDifferent(s => Object(s, "context.contextActivities")["parent"] = new JsonObject { ["id"] = "http://example.com/other-parent" });
        AssertDifferent(s => Object(s, "context.contextActivities").Remove("other"));
        AssertDifferent(s => Object(s, "context.contextActivities")["category"] = new JsonArray(
            new JsonObject { ["id"] = "http://example.com/category" }, new JsonObject { ["id"] = "http://example.com/second" }));
        AssertDifferent(s => Object(s, "context.contextActivities")["category"] = "http://example.com/category");
        AssertDifferent(s => Object(s, "context")["contextActivities"] = "odd");
    }

    [Fact] // Data §2.3.1: result is compared exactly
    public void AreEquivalent_DifferentScoreRaw_False() =>
        AssertDifferent(s => Object(s, "result.score")["raw"] = 0.5);

    [Theory] // Data §2.3.1: numbers compare by value, so 1.0 equals 1
    [InlineData("1")]
    [InlineData("1.00")]
    [InlineData("1e0")]
    [InlineData("0.1e1")]
    public void AreEquivalent_SameNumberDifferentSerialisation_True(string raw) =>
        AssertEquivalent(s => Object(s, "result.score")["raw"] = JsonNode.Parse(raw));

    [Fact] // Data §2.3.1: numbers created in code compare by value too; huge numbers fall back to double
    public void AreEquivalent_NumbersBuiltInCode_ComparedByValue()
    {
        AssertEquivalent(s => Object(s, "result.score")["raw"] = 1);
        var big = TestJson.Parse("""{ "result": { "score": { "raw": 1e300 } } }""");
        var same = TestJson.Parse("""{ "result": { "score": { "raw": 1.0e300 } } }""");
        var other = TestJson.Parse("""{ "result": { "score": { "raw": 2e300 } } }""");
        Assert.True(StatementComparer.AreEquivalent(big, same));
        Assert.False(StatementComparer.AreEquivalent(big, other));
    }

    [Fact] // Data §2.3.1: result.duration is compared as a string
    public void AreEquivalent_DurationSameLengthDifferentString_False() =>
        AssertDifferent(s => Object(s, "result")["duration"] = "PT60M");

    [Fact] // Data §2.3.1: every other property compares exactly
    public void AreEquivalent_ValueKindOrCaseDiffers_False()
    {
        AssertDifferent(s => Object(s, "result")["success"] = false);
        AssertDifferent(s => Object(s, "result")["success"] = "true");
        AssertDifferent(s => Object(s, "result")["response"] = "x");
        AssertDifferent(s => Object(s, "result.score")["raw"] = "1.0");
        AssertDifferent(s => Object(s, "object")["id"] = "http://example.com/COURSE/1");
    }

    [Fact] // Data §2.3.1: an extra context extension is a real difference
    public void AreEquivalent_ExtraContextExtension_False() =>
        AssertDifferent(s => Object(s, "context.extensions")["http://example.com/ext2"] = "x");

    [Fact] // Data §2.3.1: extension content compares deeply, arrays in order
    public void AreEquivalent_ExtensionArrayReordered_False()
    {
        AssertDifferent(s => Object(s, "context")["extensions"]!["http://example.com/ext"]!["a"] = new JsonArray(2, 1));
        AssertDifferent(s => Object(s, "context")["extensions"]!["http://example.com/ext"]!["a"] = new JsonArray(1, 2, 3));
        AssertEquivalent(s => Object(s, "context")["extensions"]!["http://example.com/ext"]!["a"] = new JsonArray(1.0, 2));
    }

    [Fact] // Data §2.3.1: a missing context or result is a real difference
    public void AreEquivalent_ContextOrResultMissing_False()
    {
        AssertDifferent(s => s.Remove("context"));
        AssertDifferent(s => s.Remove("result"));
        AssertDifferent(s => Object(s, "context").Remove("instructor"));
    }

    [Fact] // Data §2.4.6: registration is a UUID, whose hex digits are case insensitive
    public void AreEquivalent_RegistrationCaseDiffers_True()
    {
        AssertEquivalent(s => Object(s, "context")["registration"] = "EC531277-B57B-4C15-8D91-D292C5B2B8F7");
        AssertDifferent(s => Object(s, "context")["registration"] = "ec531277-b57b-4c15-8d91-d292c5b2b8f8");
    }

    [Fact] // Data §2.4.4.3: StatementRef ids compare as UUIDs; context.statement too
    public void AreEquivalent_StatementRefs_ComparedAsUuids()
    {
        var existing = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" },
              "context": { "statement": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb1" } } }
            """);
        var upper = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "StatementRef", "id": "E05AA883-ACAF-40AD-BF54-02C8CE485FB0" },
              "context": { "statement": { "objectType": "StatementRef", "id": "E05AA883-ACAF-40AD-BF54-02C8CE485FB1" } } }
            """);
        var other = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb9" },
              "context": { "statement": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb1" } } }
            """);

        Assert.True(StatementComparer.AreEquivalent(existing, upper));
        Assert.False(StatementComparer.AreEquivalent(existing, other));
    }

    [Fact] // Data §2.3.1: the same exceptions apply inside a SubStatement
    public void AreEquivalent_SubStatementIgnoredDifferences_True()
    {
        var existing = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement",
                "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:a@x.com" }, { "mbox": "mailto:b@x.com" } ] },
                "verb": { "id": "http://v2", "display": { "en": "did" } },
                "object": { "id": "http://inner", "definition": { "name": { "en": "Inner" } } },
                "context": { "contextActivities": { "parent": { "id": "http://p", "definition": { } } } },
                "timestamp": "2020-01-01T00:00:00Z" } }
            """);
        var incoming = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@X.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement",
                "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:b@x.com" }, { "mbox": "mailto:a@x.com" } ] },
                "verb": { "id": "http://v2" },
                "object": { "objectType": "Activity", "id": "http://inner" },
                "context": { "contextActivities": { "parent": [ { "id": "http://p" } ] } },
                "timestamp": "2020-01-01T01:00:00+01:00" } }
            """);

        Assert.True(StatementComparer.AreEquivalent(existing, incoming));
    }

    [Fact] // Data §2.3.1: real differences inside a SubStatement count
    public void AreEquivalent_SubStatementResultDiffers_False()
    {
        var existing = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement", "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v2" },
                          "object": { "id": "http://inner" }, "result": { "completion": true } } }
            """);
        var incoming = TestJson.Parse("""
            { "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement", "actor": { "mbox": "mailto:a@x.com" }, "verb": { "id": "http://v2" },
                          "object": { "id": "http://inner" }, "result": { "completion": false } } }
            """);

        Assert.False(StatementComparer.AreEquivalent(existing, incoming));
    }

    [Fact] // Robustness: odd shapes are compared structurally rather than throwing
    public void AreEquivalent_OddShapes_ComparedStructurally()
    {
        AssertDifferent(s => s["actor"] = "ann");
        AssertDifferent(s => s["object"] = new JsonArray());
        AssertDifferent(s => s["verb"] = null);
        AssertDifferent(s => Object(s, "actor")["member"] = new JsonArray());
        AssertDifferent(s => Object(s, "context.contextActivities")["parent"] = new JsonArray("http://example.com/parent"));
        AssertEquivalent(s => Object(s, "context")["instructor"]!["mbox_sha1sum"] = "ABCDEF0123456789ABCDEF0123456789ABCDEF01");
        var unknown = TestJson.Parse("""{ "object": { "objectType": "Thing", "id": 1 } }""");
        Assert.True(StatementComparer.AreEquivalent(unknown, TestJson.Parse("""{ "object": { "objectType": "Thing", "id": 1.0 } }""")));
        Assert.False(StatementComparer.AreEquivalent(unknown, TestJson.Parse("""{ "object": { "objectType": "Thing", "id": 2 } }""")));
    }
}
