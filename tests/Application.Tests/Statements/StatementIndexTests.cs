using Lrs.Application.Statements;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Tests.Statements;

public class StatementIndexTests
{
    private const string Ann = "mbox:mailto:ann@example.com";
    private const string Bob = "openid:http://openid.example.com/bob";

    private static StatementIndex Extract(string json) => StatementIndex.Extract(TestJson.Parse(json));

    private static bool? DirectOf(StatementIndex index, string key) =>
        index.Agents.SingleOrDefault(a => a.Key == key)?.Direct;

    [Fact] // Communication §2.1.3 verb, registration, activity filters
    public void Extract_FullStatement_ReadsVerbRegistrationAndObject()
    {
        var index = StatementIndex.Extract(TestJson.Parse(TestJson.FullStatement));

        Assert.Equal("http://adlnet.gov/expapi/verbs/completed", index.VerbId);
        Assert.Equal(Guid.Parse("ec531277-b57b-4c15-8d91-d292c5b2b8f7"), index.Registration);
        Assert.Equal("http://example.com/course/1", index.ObjectActivityId);
        Assert.Null(index.ObjectStatementRef);
        Assert.False(index.IsVoiding);
    }

    [Fact] // Communication §2.1.3 agent / related_agents
    public void Extract_FullStatement_ClassifiesEveryAgentPosition()
    {
        var index = StatementIndex.Extract(TestJson.Parse(TestJson.FullStatement));

        Assert.Equal(
            [
                new IndexedAgent(Ann, true),
                new IndexedAgent(AgentIdentity.Account("http://lrs.example.com", "client").Key, false),
                new IndexedAgent("mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01", false),
                new IndexedAgent(Bob, false),
            ],
            index.Agents);
    }

    [Fact] // Communication §2.1.3 activity / related_activities
    public void Extract_FullStatement_ClassifiesEveryActivityPosition()
    {
        var index = StatementIndex.Extract(TestJson.Parse(TestJson.FullStatement));

        Assert.Equal(
            [
                new IndexedActivity("http://example.com/course/1", true),
                new IndexedActivity("http://example.com/parent", false),
                new IndexedActivity("http://example.com/grouping", false),
                new IndexedActivity("http://example.com/category", false),
                new IndexedActivity("http://example.com/other", false),
            ],
            index.Activities);
    }

    [Fact] // Data §2.4.2.1: objectType is optional on an Agent actor
    public void Extract_ActorWithoutObjectType_IsDirect()
    {
        var index = Extract("""
            { "actor": { "mbox": "mailto:ann@EXAMPLE.com" }, "verb": { "id": "http://v" }, "object": { "id": "http://a" } }
            """);

        Assert.True(DirectOf(index, Ann));
        Assert.Equal("http://a", index.ObjectActivityId);
    }

    [Fact] // Communication §2.1.3: Groups whose members match the agent are a match
    public void Extract_IdentifiedGroupActor_GroupAndMembersAreDirect()
    {
        var index = Extract("""
            {
              "actor": { "objectType": "Group", "account": { "homePage": "http://h", "name": "g" },
                         "member": [ { "mbox": "mailto:ann@example.com" }, { "openid": "http://openid.example.com/bob" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" }
            }
            """);

        Assert.True(DirectOf(index, "account:http://h g"));
        Assert.True(DirectOf(index, Ann));
        Assert.True(DirectOf(index, Bob));
        Assert.Equal(3, index.Agents.Count);
    }

    [Fact] // Communication §2.1.3: an anonymous Group has no key of its own, only its members
    public void Extract_AnonymousGroupActor_OnlyMembersIndexed()
    {
        var index = Extract("""
            {
              "actor": { "objectType": "Group", "member": [ { "mbox": "mailto:ann@example.com" }, { "name": "no ifi" } ] },
              "verb": { "id": "http://v" }, "object": { "id": "http://a" }
            }
            """);

        Assert.Equal([new IndexedAgent(Ann, true)], index.Agents);
    }

    [Fact] // Communication §2.1.3: the agent filter matches the Object too
    public void Extract_AgentObject_IsDirectAndNoActivity()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "Agent", "openid": "http://openid.example.com/bob" }
            }
            """);

        Assert.True(DirectOf(index, Bob));
        Assert.Null(index.ObjectActivityId);
        Assert.Empty(index.Activities);
    }

    [Fact] // Communication §2.1.3: a Group as Object, members included
    public void Extract_GroupObject_MembersAreDirect()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "Group", "member": [ { "mbox_sha1sum": "AA" } ] }
            }
            """);

        Assert.True(DirectOf(index, "mbox_sha1sum:aa"));
    }

    [Fact] // Communication §2.1.3 related_agents: authority, including an OAuth two-member Group
    public void Extract_GroupAuthority_MembersAreRelated()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" }, "object": { "id": "http://a" },
              "authority": { "objectType": "Group", "member": [
                  { "account": { "homePage": "http://h", "name": "app" } }, { "openid": "http://openid.example.com/bob" } ] }
            }
            """);

        Assert.False(DirectOf(index, "account:http://h app"));
        Assert.False(DirectOf(index, Bob));
    }

    [Fact] // Communication §2.1.3 related_agents: instructor given as a Group
    public void Extract_InstructorGroup_GroupAndMembersAreRelated()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" }, "object": { "id": "http://a" },
              "context": { "instructor": { "objectType": "Group", "openid": "http://g", "member": [ { "openid": "http://openid.example.com/bob" } ] } }
            }
            """);

        Assert.False(DirectOf(index, "openid:http://g"));
        Assert.False(DirectOf(index, Bob));
    }

    [Fact] // Communication §2.1.3: a key both direct and related is kept once, as direct
    public void Extract_AgentBothRelatedAndDirect_KeptOnceAsDirect()
    {
        var index = Extract("""
            {
              "actor": { "objectType": "Group", "member": [ { "openid": "http://openid.example.com/bob" } ] },
              "verb": { "id": "http://v" },
              "object": { "objectType": "Agent", "mbox": "mailto:ann@example.com" },
              "authority": { "mbox": "mailto:ann@EXAMPLE.COM" },
              "context": { "instructor": { "openid": "http://openid.example.com/bob" }, "team": { "objectType": "Group", "member": [ { "mbox": "mailto:ann@example.com" } ] } }
            }
            """);

        Assert.Equal([new IndexedAgent(Bob, true), new IndexedAgent(Ann, true)], index.Agents);
    }

    [Fact] // Communication §2.1.3: a group member who is also the SubStatement actor stays direct
    public void Extract_GroupMemberAlsoInSubStatement_KeptAsDirect()
    {
        var index = Extract("""
            {
              "actor": { "objectType": "Group", "member": [ { "openid": "http://openid.example.com/bob" } ] },
              "verb": { "id": "http://v" },
              "object": {
                "objectType": "SubStatement",
                "actor": { "openid": "http://openid.example.com/bob" }, "verb": { "id": "http://v2" },
                "object": { "objectType": "Agent", "mbox": "mailto:ann@example.com" }
              },
              "context": { "instructor": { "mbox": "mailto:carl@example.com" } }
            }
            """);

        Assert.Equal(
            [new IndexedAgent(Bob, true), new IndexedAgent(Ann, false), new IndexedAgent("mbox:mailto:carl@example.com", false)],
            index.Agents);
    }

    [Fact] // Communication §2.1.3: actor, object, instructor, team and context activities of a SubStatement are related only
    public void Extract_SubStatement_EverythingInsideIsRelated()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:zed@example.com" },
              "verb": { "id": "http://v" },
              "object": {
                "objectType": "SubStatement",
                "actor": { "mbox": "mailto:ann@example.com" },
                "verb": { "id": "http://v2" },
                "object": { "objectType": "Agent", "openid": "http://openid.example.com/bob" },
                "context": {
                  "instructor": { "openid": "http://i" },
                  "team": { "objectType": "Group", "openid": "http://t", "member": [ { "openid": "http://m" } ] },
                  "contextActivities": { "parent": [ { "id": "http://p" } ], "other": { "id": "http://o" } }
                }
              }
            }
            """);

        Assert.True(DirectOf(index, "mbox:mailto:zed@example.com"));
        foreach (var key in new[] { Ann, Bob, "openid:http://i", "openid:http://t", "openid:http://m" })
        {
            Assert.False(DirectOf(index, key));
        }

        Assert.Equal([new IndexedActivity("http://p", false), new IndexedActivity("http://o", false)], index.Activities);
        Assert.Null(index.ObjectActivityId);
        Assert.Null(index.ObjectStatementRef);
    }

    [Fact] // Communication §2.1.3 related_activities: the object Activity of a SubStatement
    public void Extract_SubStatementActivityObject_IsRelated()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement", "actor": { "mbox": "mailto:ann@example.com" },
                          "verb": { "id": "http://v2" }, "object": { "id": "http://inner" } },
              "context": { "contextActivities": { "category": [ { "id": "http://inner" } ] } }
            }
            """);

        Assert.Equal([new IndexedActivity("http://inner", false)], index.Activities);
        Assert.Equal([new IndexedAgent(Ann, true)], index.Agents);
    }

    [Fact] // Communication §2.1.3: an activity that is both object and context activity is kept once, as direct
    public void Extract_ActivityBothObjectAndContext_KeptOnceAsDirect()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" },
              "object": { "objectType": "SubStatement", "actor": { "mbox": "mailto:ann@example.com" },
                          "verb": { "id": "http://v2" }, "object": { "id": "http://a" } },
              "context": { "contextActivities": { "parent": { "id": "http://a" }, "grouping": [ { "id": "http://a" } ] } }
            }
            """);

        Assert.Equal([new IndexedActivity("http://a", false)], index.Activities);

        var direct = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" }, "object": { "id": "http://a" },
              "context": { "contextActivities": { "parent": { "id": "http://a" } } }
            }
            """);

        Assert.Equal([new IndexedActivity("http://a", true)], direct.Activities);
    }

    [Fact] // Data §2.3.2 voiding: voided verb with a StatementRef object
    public void Extract_VoidingStatement_IsVoidingWithTarget()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
              "object": { "objectType": "StatementRef", "id": "E05AA883-ACAF-40AD-BF54-02C8CE485FB0" }
            }
            """);

        Assert.True(index.IsVoiding);
        Assert.Equal(Guid.Parse("e05aa883-acaf-40ad-bf54-02c8ce485fb0"), index.ObjectStatementRef);
        Assert.Null(index.ObjectActivityId);
    }

    [Fact] // Data §2.3.2: a StatementRef with another verb is not voiding
    public void Extract_StatementRefWithOtherVerb_NotVoiding()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/confirmed" },
              "object": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" }
            }
            """);

        Assert.False(index.IsVoiding);
        Assert.NotNull(index.ObjectStatementRef);
    }

    [Fact] // Data §2.3.2: the voided verb with an Activity object voids nothing
    public void Extract_VoidedVerbWithActivity_NotVoiding()
    {
        var index = Extract("""
            { "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" }, "object": { "id": "http://a" } }
            """);

        Assert.False(index.IsVoiding);
    }

    [Fact] // Communication §2.1.3: context.statement does not affect filtering
    public void Extract_ContextStatementRef_NotIndexed()
    {
        var index = Extract("""
            {
              "actor": { "mbox": "mailto:ann@example.com" }, "verb": { "id": "http://v" }, "object": { "id": "http://a" },
              "context": { "statement": { "objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0" } }
            }
            """);

        Assert.Null(index.ObjectStatementRef);
        Assert.Null(index.Registration);
    }

    [Fact] // Robustness: odd shapes yield empty values instead of exceptions
    public void Extract_MinimalOrOddShapes_DoesNotThrow()
    {
        var index = Extract("""
            {
              "actor": { "objectType": "Group", "member": { "mbox": "mailto:ann@example.com" } },
              "verb": { "id": 5 },
              "object": { "objectType": "StatementRef", "id": "not-a-guid" },
              "context": { "registration": "nope", "contextActivities": { "parent": [ "x", { "id": 3 } ] }, "team": "x" }
            }
            """);

        Assert.Equal(string.Empty, index.VerbId);
        Assert.Null(index.Registration);
        Assert.Null(index.ObjectStatementRef);
        Assert.Equal([new IndexedAgent(Ann, true)], index.Agents);
        Assert.Empty(index.Activities);
        Assert.Empty(Extract("{}").Agents);
    }
}
