using Lrs.Domain.Tenancy;

namespace Lrs.Domain.Tests.Tenancy;

public class CredentialTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid TenantId = Guid.NewGuid();

    private static Credential Issue(string key = "client", string name = "Client", XapiScope scopes = XapiScope.StatementsWrite) =>
        Credential.Issue(TenantId, key, name, "hash", scopes, Now);

    [Fact]
    public void Issue_ValidArguments_ActiveCredential()
    {
        var credential = Issue(scopes: XapiScope.StatementsWrite | XapiScope.StatementsRead);

        Assert.Equal(7, credential.Id.Version);
        Assert.Equal(TenantId, credential.TenantId);
        Assert.Equal("client", credential.Key);
        Assert.Equal("Client", credential.Name);
        Assert.Equal("hash", credential.SecretHash);
        Assert.Equal(XapiScope.StatementsWrite | XapiScope.StatementsRead, credential.Scopes);
        Assert.Equal(Now, credential.CreatedAt);
        Assert.Null(credential.RevokedAt);
        Assert.True(credential.IsActive);
    }

    [Theory] // RFC 7617 §2: an HTTP Basic user-id cannot contain ':'
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a:b")]
    [InlineData(":")]
    public void Issue_KeyEmptyOrWithColon_Throws(string key) => Assert.Throws<DomainException>(() => Issue(key: key));

    [Fact]
    public void Issue_NoScopes_Throws() => Assert.Throws<DomainException>(() => Issue(scopes: XapiScope.None));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_BlankName_DefaultsToKey(string name) => Assert.Equal("client", Issue(name: name).Name);

    [Fact]
    public void Issue_PaddedName_Trimmed() => Assert.Equal("Client", Issue(name: " Client ").Name);

    [Fact]
    public void Revoke_Active_RecordsTimeAndDeactivates()
    {
        var credential = Issue();

        credential.Revoke(Now.AddDays(1));

        Assert.Equal(Now.AddDays(1), credential.RevokedAt);
        Assert.False(credential.IsActive);
    }

    [Fact]
    public void Revoke_Twice_Throws()
    {
        var credential = Issue();
        credential.Revoke(Now);

        Assert.Throws<DomainException>(() => credential.Revoke(Now.AddMinutes(1)));
        Assert.Equal(Now, credential.RevokedAt);
    }
}
