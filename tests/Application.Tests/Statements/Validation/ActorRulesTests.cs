using static Lrs.Application.Tests.Statements.Validation.TestJson;

namespace Lrs.Application.Tests.Statements.Validation;

/// <summary>Agents, Groups and identifiers: Data §2.4.2, §2.4.9.</summary>
public sealed class ActorRulesTests
{
    [Theory]
    [InlineData("""{ "mbox": "mailto:ann@example.com" }""")]
    [InlineData("""{ "objectType": "Agent", "name": "Ann", "mbox": "mailto:Ann.Lee+xapi@Example.COM" }""")]
    [InlineData("""{ "mbox": "MAILTO:ann@example.com" }""")]
    [InlineData("""{ "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")]
    [InlineData("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""")]
    [InlineData("""{ "openid": "http://toby.openid.example.org/" }""")]
    [InlineData("""{ "account": { "homePage": "http://www.example.com", "name": "1625378" } }""")]
    [InlineData("""{ "mbox": "mailto:zoë@bücher.example" }""")]
    public void Validate_AgentWithOneIdentifier_IsValid(string actor)
    {
        // Data §2.4.2.1, §2.4.2.3: an Agent is identified by exactly one IFI; objectType is optional for an actor.
        AssertValid(StatementWith("actor", actor));
    }

    [Fact]
    public void Validate_AgentWithoutIdentifier_Rejected()
    {
        // Data §2.4.2.1: an Agent MUST be identified by one of the four IFIs.
        var message = AssertError(StatementWith("actor", """{ "name": "Ann" }"""), "statement.actor");
        Assert.Contains("exactly one inverse functional identifier", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AgentWithTwoIdentifiers_Rejected()
    {
        // Data §2.4.2.1: an Agent MUST NOT include more than one IFI.
        var actor = """{ "mbox": "mailto:ann@example.com", "openid": "http://ann.example.org/" }""";
        Assert.Contains("more than one", AssertError(StatementWith("actor", actor), "statement.actor"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("mailto:")]
    [InlineData("mailto:ann")]
    [InlineData("mailto:@example.com")]
    [InlineData("mailto:ann@")]
    [InlineData("mailto:ann smith@example.com")]
    [InlineData("mailto:ann@exa mple.com")]
    [InlineData("mailto:ann@example..com")]
    [InlineData("mailto:ann@.example.com")]
    [InlineData("mailto:ann@example.com?subject=hi")]
    [InlineData("mailto:ann@example.com,bob@example.com")]
    [InlineData("")]
    public void Validate_MboxNotMailto_Rejected(string mbox)
    {
        // Data §2.4.2.3: mbox is "mailto:" followed by an email address; §2.2 rejects non-format-following values.
        AssertError(StatementWith("actor", $$"""{ "mbox": "{{mbox}}" }"""), "statement.actor.mbox");
    }

    [Theory]
    [InlineData("\"ebd31e95054c018b10727ccffd2ef2ec3a016ee\"")]
    [InlineData("\"ebd31e95054c018b10727ccffd2ef2ec3a016ee9a\"")]
    [InlineData("\"zbd31e95054c018b10727ccffd2ef2ec3a016ee9\"")]
    [InlineData("\"\"")]
    [InlineData("1234")]
    public void Validate_MboxSha1SumNotHexSha1_Rejected(string value)
    {
        // Data §2.4.2.3: mbox_sha1sum is the hex-encoded SHA1 of a mailto IRI.
        AssertError(StatementWith("actor", $$"""{ "mbox_sha1sum": {{value}} }"""), "statement.actor.mbox_sha1sum");
    }

    [Theory]
    [InlineData("toby.openid.example.org")]
    [InlineData("http://example.org/tobÿ")]
    [InlineData("")]
    public void Validate_OpenIdNotUri_Rejected(string openId)
    {
        // Data §2.4.2.3: openid is a URI (ASCII, with a scheme).
        AssertError(StatementWith("actor", $$"""{ "openid": "{{openId}}" }"""), "statement.actor.openid");
    }

    [Theory]
    [InlineData("""{ "name": "1625378" }""", "statement.actor.account.homePage", "is required")]
    [InlineData("""{ "homePage": "http://www.example.com" }""", "statement.actor.account.name", "is required")]
    [InlineData("""{ "homePage": "www.example.com", "name": "1" }""", "statement.actor.account.homePage", "must be a valid IRL (scheme://...)")]
    [InlineData("""{ "homePage": "urn:example:lms", "name": "1" }""", "statement.actor.account.homePage", "must be a valid IRL (scheme://...)")]
    [InlineData("""{ "homePage": "", "name": "1" }""", "statement.actor.account.homePage", "must not be empty; an IRL is required")]
    [InlineData("""{ "homePage": "http://www.example.com", "name": 1625378 }""", "statement.actor.account.name", "must be a string, not a number")]
    [InlineData("""{ "homePage": "http://www.example.com", "name": "1", "id": "2" }""", "statement.actor.account.id", "is not a property of an account")]
    [InlineData("""{ "homepage": "http://www.example.com", "name": "1" }""", "statement.actor.account.homepage", "is not a property of an account (property names are case-sensitive: did you mean \"homePage\"?)")]
    [InlineData("\"http://www.example.com/1625378\"", "statement.actor.account", "must be an account object, not a string")]
    public void Validate_InvalidAccount_Rejected(string account, string path, string message)
    {
        // Data §2.4.2.4: an account has homePage (IRL) and name (string), both required, nothing else.
        Assert.Equal(message, AssertError(StatementWith("actor", $$"""{ "account": {{account}} }"""), path));
    }

    [Theory]
    [InlineData("""{ "objectType": "agent", "mbox": "mailto:ann@example.com" }""", "statement.actor.objectType")]
    [InlineData("""{ "objectType": "Person", "mbox": "mailto:ann@example.com" }""", "statement.actor.objectType")]
    [InlineData("""{ "objectType": null, "mbox": "mailto:ann@example.com" }""", "statement.actor.objectType")]
    [InlineData("""{ "mbox": "mailto:ann@example.com", "name": null }""", "statement.actor.name")]
    [InlineData("""{ "mbox": "mailto:ann@example.com", "name": 7 }""", "statement.actor.name")]
    [InlineData("""{ "mbox": "mailto:ann@example.com", "member": [] }""", "statement.actor.member")]
    [InlineData("""{ "mbox": "mailto:ann@example.com", "Mbox": "mailto:ann@example.com" }""", "statement.actor.Mbox")]
    [InlineData("\"mailto:ann@example.com\"", "statement.actor")]
    public void Validate_InvalidAgentProperty_Rejected(string actor, string path)
    {
        // Data §2.2, §2.4.2.1: enumerations are case-sensitive; no nulls, wrong types or unknown keys.
        AssertError(StatementWith("actor", actor), path);
    }

    [Fact]
    public void Validate_AnonymousGroupWithMembers_IsValid()
    {
        // Data §2.4.2.2: an anonymous Group lists its members.
        AssertValid(StatementWith("actor", """
            { "objectType": "Group", "name": "Team", "member": [ { "mbox": "mailto:a@example.com" }, { "objectType": "Agent", "openid": "http://b.example.org/" } ] }
            """));
    }

    [Fact]
    public void Validate_AnonymousGroupWithoutMember_Rejected()
    {
        // Data §2.4.2.2: an Anonymous Group MUST include a "member" property.
        var message = AssertError(StatementWith("actor", """{ "objectType": "Group", "name": "Team" }"""), "statement.actor");
        Assert.Contains("member", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnonymousGroupWithEmptyMember_Rejected()
    {
        // Data §2.4.2.2: the member property lists the constituent Agents, so an anonymous Group needs at least one.
        AssertError(StatementWith("actor", """{ "objectType": "Group", "member": [] }"""), "statement.actor.member");
    }

    [Fact]
    public void Validate_IdentifiedGroupWithoutMember_IsValid()
    {
        // Data §2.4.2.2: an Identified Group MAY include members.
        AssertValid(StatementWith("actor", """{ "objectType": "Group", "mbox": "mailto:team@example.com" }"""));
    }

    [Fact]
    public void Validate_IdentifiedGroupWithTwoIdentifiers_Rejected()
    {
        // Data §2.4.2.2: an Identified Group MUST include exactly one IFI.
        var group = """{ "objectType": "Group", "mbox": "mailto:team@example.com", "account": { "homePage": "http://example.com", "name": "t" } }""";
        Assert.Contains("more than one", AssertError(StatementWith("actor", group), "statement.actor"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GroupContainingGroup_Rejected()
    {
        // Data §2.4.2.2: a Group MUST NOT contain Group objects in "member".
        var group = """{ "objectType": "Group", "member": [ { "objectType": "Group", "mbox": "mailto:inner@example.com" } ] }""";
        Assert.Contains("must not be Groups", AssertError(StatementWith("actor", group), "statement.actor.member[0].objectType"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "objectType": "Group", "member": [ { "name": "no id" } ] }""", "statement.actor.member[0]")]
    [InlineData("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, null ] }""", "statement.actor.member[1]")]
    [InlineData("""{ "objectType": "Group", "member": { "mbox": "mailto:a@example.com" } }""", "statement.actor.member")]
    [InlineData("""{ "objectType": "Group", "member": [ { "objectType": "Robot", "mbox": "mailto:a@example.com" } ] }""", "statement.actor.member[0].objectType")]
    [InlineData("""{ "objectType": "Group", "mbox": "mailto:t@example.com", "account": null }""", "statement.actor.account")]
    [InlineData("""{ "objectType": "Group", "mbox": "mailto:t@example.com", "members": [] }""", "statement.actor.members")]
    public void Validate_InvalidGroupMember_Rejected(string group, string path)
    {
        // Data §2.4.2.2: member is an array of valid Agent objects.
        AssertError(StatementWith("actor", group), path);
    }

    [Fact]
    public void Validate_AuthorityAgent_IsValid()
    {
        // Data §2.4.9: authority MUST be an Agent...
        AssertValid(StatementWith("authority", """{ "objectType": "Agent", "account": { "homePage": "http://cloud.scorm.com/", "name": "anonymous" } }"""));
    }

    [Theory]
    [InlineData("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" } ] }""", "statement.authority.member")]
    [InlineData("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" }, { "mbox": "mailto:c@example.com" } ] }""", "statement.authority.member")]
    [InlineData("""{ "objectType": "Group", "mbox": "mailto:t@example.com" }""", "statement.authority.member")]
    [InlineData("""{ "name": "nobody" }""", "statement.authority")]
    [InlineData("""{ "objectType": "Group", "member": [ { "mbox": "mailto:a@example.com" }, { "mbox": "bad" } ] }""", "statement.authority.member[1].mbox")]
    public void Validate_AuthorityNotAgentOrTwoAgentGroup_Rejected(string authority, string path)
    {
        // Data §2.4.9: ...except in 3-legged OAuth, where it MUST be a Group with two Agents.
        AssertError(StatementWith("authority", authority), path);
    }
}
