using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Events;

namespace Lrs.Application.Tests.Events;

/// <summary>The analytics firehose leaves no personal identifier in a statement (seed 001 G5, PII-redacted firehose).</summary>
public sealed class PseudonymiserTests
{
    private static readonly Pseudonymiser Keyed = new(Encoding.UTF8.GetBytes("a-test-key-of-32-characters-long"));

    private static JsonObject Statement() => JsonNode.Parse("""
        {
          "id": "0190aaaa-0000-7000-8000-000000000001",
          "actor": {"objectType": "Agent", "name": "Ann Example", "mbox": "mailto:ann@example.com"},
          "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
          "object": {"objectType": "SubStatement",
                     "actor": {"openid": "http://openid.example.com/ann", "name": "Ann"},
                     "verb": {"id": "http://example.com/verbs/will-visit"},
                     "object": {"objectType": "Agent", "mbox_sha1sum": "b2b5a5b5c5d5e5f5a5b5c5d5e5f5a5b5c5d5e5f5"}},
          "context": {"instructor": {"account": {"homePage": "http://lms.example.com", "name": "teacher-7"}, "name": "Tess"},
                      "team": {"objectType": "Group", "name": "Blue", "member": [{"mbox": "mailto:bob@example.com", "name": "Bob"}]},
                      "contextActivities": {"parent": [{"id": "http://example.com/course", "definition": {"name": {"en-US": "Course"}}}]}},
          "authority": {"objectType": "Agent", "account": {"homePage": "http://localhost/xapi/credentials", "name": "key-1"}}
        }
        """)!.AsObject();

    [Fact]
    public void Pseudonymise_Statement_NoIdentifierOrAgentNameLeft()
    {
        var text = Keyed.Pseudonymise(Statement()).ToJsonString();

        foreach (var leaked in new[] { "mbox", "mbox_sha1sum", "openid", "account", "ann@example.com", "Ann", "teacher-7", "Tess", "Blue", "Bob", "key-1" })
        {
            Assert.DoesNotContain(leaked, text, StringComparison.Ordinal);
        }

        Assert.Contains("\"en-US\":\"Course\"", text, StringComparison.Ordinal); // activity names are not personal data
    }

    [Fact]
    public void Pseudonymise_SameAgentTwice_SamePseudonymAndKeyed()
    {
        var one = Keyed.Pseudonymise(Statement());
        var two = Keyed.Pseudonymise(Statement());
        var otherKey = new Pseudonymiser(Encoding.UTF8.GetBytes("another-key-of-32-characters-ok!")).Pseudonymise(Statement());

        var pseudonym = one["actor"]!["pseudonym"]!.GetValue<string>();
        Assert.Equal(64, pseudonym.Length);
        Assert.Equal(pseudonym, two["actor"]!["pseudonym"]!.GetValue<string>());
        Assert.NotEqual(pseudonym, otherKey["actor"]!["pseudonym"]!.GetValue<string>());
        Assert.Equal(Keyed.Pseudonym("mbox:mailto:ann@example.com"), pseudonym);
        Assert.Equal("Group", one["context"]!["team"]!["objectType"]!.GetValue<string>());
        Assert.Single(one["context"]!["team"]!["member"]!.AsArray());
    }

    [Fact]
    public void Pseudonymise_Original_Untouched()
    {
        var statement = Statement();
        Keyed.Pseudonymise(statement);

        Assert.Equal("mailto:ann@example.com", statement["actor"]!["mbox"]!.GetValue<string>());
    }
}
