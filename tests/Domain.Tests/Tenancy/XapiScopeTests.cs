using Lrs.Domain.Tenancy;

namespace Lrs.Domain.Tests.Tenancy;

// Communication §4.2: the xAPI scope values.
public class XapiScopeTests
{
    [Theory]
    [InlineData("statements/write", XapiScope.StatementsWrite)]
    [InlineData("statements/read", XapiScope.StatementsRead)]
    [InlineData("statements/read/mine", XapiScope.StatementsReadMine)]
    [InlineData("all/read", XapiScope.AllRead)]
    [InlineData("all", XapiScope.All)]
    [InlineData("state", XapiScope.State)]
    [InlineData("profile", XapiScope.Profile)]
    [InlineData("define", XapiScope.Define)]
    public void Parse_EachName_ItsScope(string name, XapiScope expected) => Assert.Equal(expected, XapiScopes.Parse(name));

    [Theory]
    [InlineData("statements/write statements/read")]
    [InlineData("statements/write,statements/read")]
    [InlineData(" statements/write ,  statements/read ")]
    [InlineData("statements/write,,statements/read statements/write")]
    public void Parse_CommaOrSpaceSeparated_Combined(string text) =>
        Assert.Equal(XapiScope.StatementsWrite | XapiScope.StatementsRead, XapiScopes.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void Parse_Empty_None(string text) => Assert.Equal(XapiScope.None, XapiScopes.Parse(text));

    [Theory]
    [InlineData("statements/write bogus", "bogus")]
    [InlineData("ALL", "ALL")]
    [InlineData("statements/read/other", "statements/read/other")]
    public void Parse_UnknownName_ThrowsNamingIt(string text, string unknown)
    {
        var ex = Assert.Throws<DomainException>(() => XapiScopes.Parse(text));

        Assert.Contains($"'{unknown}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_SeveralScopes_SpaceSeparatedInDeclarationOrder() =>
        Assert.Equal("statements/write all/read define", XapiScopes.Format(XapiScope.Define | XapiScope.AllRead | XapiScope.StatementsWrite));

    [Fact]
    public void Format_None_Empty() => Assert.Equal(string.Empty, XapiScopes.Format(XapiScope.None));

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        for (var bits = 0; bits <= 255; bits++)
        {
            var scopes = (XapiScope)bits;
            Assert.Equal(scopes, XapiScopes.Parse(XapiScopes.Format(scopes)));
        }
    }

    [Theory]
    [InlineData(XapiScope.StatementsWrite, true, false, false)]
    [InlineData(XapiScope.StatementsRead, false, true, true)]
    [InlineData(XapiScope.StatementsReadMine, false, false, true)]
    [InlineData(XapiScope.AllRead, false, true, true)]
    [InlineData(XapiScope.All, true, true, true)]
    [InlineData(XapiScope.State, false, false, false)]
    [InlineData(XapiScope.Profile, false, false, false)]
    [InlineData(XapiScope.Define, false, false, false)]
    [InlineData(XapiScope.None, false, false, false)]
    [InlineData(XapiScope.StatementsWrite | XapiScope.StatementsReadMine, true, false, true)]
    public void Permissions_EachScope_AsSpecified(XapiScope scopes, bool write, bool readAll, bool readOwn)
    {
        Assert.Equal(write, scopes.CanWriteStatements());
        Assert.Equal(readAll, scopes.CanReadAllStatements());
        Assert.Equal(readOwn, scopes.CanReadOwnStatements());
    }

    [Theory] // Communication §4.2: define (or all) lets statements change canonical definitions; any read scope reads them
    [InlineData(XapiScope.Define, true, false)]
    [InlineData(XapiScope.All, true, true)]
    [InlineData(XapiScope.StatementsWrite, false, false)]
    [InlineData(XapiScope.AllRead, false, true)]
    [InlineData(XapiScope.StatementsRead, false, true)]
    [InlineData(XapiScope.StatementsReadMine, false, true)]
    [InlineData(XapiScope.State | XapiScope.Profile, false, false)]
    public void Definitions_EachScope_AsSpecified(XapiScope scopes, bool define, bool read)
    {
        Assert.Equal(define, scopes.CanDefine());
        Assert.Equal(read, scopes.CanReadActivitiesAndAgents());
    }
}
