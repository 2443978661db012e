using Lrs.Application.Statements;

namespace Lrs.Application.Tests.Statements;

// Communication §2.1.3 Language Filtering Requirements, applying RFC 2616 §14.4 per language map.
public class AcceptLanguageTests
{
    private static string? Choose(string? header, params string[] tags) => AcceptLanguage.Choose(tags, AcceptLanguage.Parse(header));

    [Fact]
    public void Parse_QualityValues_OrderedByQualityStable()
    {
        var prefs = AcceptLanguage.Parse("da, en-gb;q=0.8, en;q=0.7, fr;q=0.8, *;q=0.1");

        Assert.Equal(
            [
                new LanguagePreference("da", 1),
                new LanguagePreference("en-gb", 0.8),
                new LanguagePreference("fr", 0.8),
                new LanguagePreference("en", 0.7),
                new LanguagePreference("*", 0.1),
            ],
            prefs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,")]
    public void Parse_NoHeader_Empty(string? header) => Assert.Empty(AcceptLanguage.Parse(header));

    [Fact] // RFC 2616 §14.4: malformed parts are skipped, well-formed ones kept
    public void Parse_MalformedParts_Ignored()
    {
        var prefs = AcceptLanguage.Parse(
            "en;q=abc, de;q=2, fr;q=-1, 12, toolongsubtag, en--us, es-419;Q= 0.5 ; level=1, it;foo, pt;q=NaN, nl ; q=0");

        Assert.Equal([new LanguagePreference("it", 1), new LanguagePreference("es-419", 0.5), new LanguagePreference("nl", 0)], prefs);
    }

    [Fact] // RFC 2616 §14.4: the highest quality wins
    public void Choose_QualityValues_HighestWins() =>
        Assert.Equal("fr", Choose("de;q=0.3, fr;q=0.9, en-US;q=0.5", "en-US", "de", "fr"));

    [Fact] // RFC 2616 §14.4: on equal quality the earlier range wins
    public void Choose_EqualQuality_HeaderOrderWins() =>
        Assert.Equal("de", Choose("de, fr", "fr", "de"));

    [Fact] // RFC 2616 §14.4: a range matches a tag that equals it or starts with it followed by "-"
    public void Choose_PrefixRange_MatchesSubtags()
    {
        Assert.Equal("en-GB", Choose("en", "fr", "en-GB"));
        Assert.Equal("EN-gb", Choose("en-gb", "en", "EN-gb"));
        Assert.Equal("fr", Choose("e, fr;q=0.1", "en", "fr"));
    }

    [Fact] // RFC 2616 §14.4: a longer range is not matched by a shorter tag; falls back to the default
    public void Choose_MoreSpecificRangeThanTag_NoMatchFallsBack() =>
        Assert.Equal("en", Choose("fr-CA", "de", "en", "fr"));

    [Fact] // RFC 2616 §14.4: "*" matches every tag not matched elsewhere
    public void Choose_Wildcard_MatchesAnyTag()
    {
        Assert.Equal("de", Choose("*", "de", "en-US"));
        Assert.Equal("fr", Choose("es, *;q=0.5", "fr", "en-US"));
    }

    [Fact] // RFC 2616 §14.4: a tag takes the quality of its longest matching range, so q=0 refuses it even with "*"
    public void Choose_ZeroQuality_ExcludesTag()
    {
        Assert.Equal("fr", Choose("*, de;q=0", "de", "fr"));
        Assert.Equal("en-GB", Choose("en, en-US;q=0", "en-US", "en-GB"));
    }

    [Fact] // Language Filtering: no acceptable tag still yields one entry, avoiding refused tags
    public void Choose_EverythingRefusedOrUnmatched_Fallback()
    {
        Assert.Equal("fr", Choose("en-US;q=0", "en-US", "fr"));
        Assert.Equal("en-US", Choose("*;q=0", "de", "en-US"));
        Assert.Equal("de", Choose("de;q=0", "de"));
    }

    [Fact] // Language Filtering: default order en-US, en, en-*, first tag
    public void Choose_NoHeader_DefaultOrder()
    {
        Assert.Equal("en-us", Choose(null, "de", "en", "en-us"));
        Assert.Equal("EN", Choose(null, "de", "en-GB", "EN"));
        Assert.Equal("en-GB", Choose(null, "de", "en-GB"));
        Assert.Equal("de", Choose(null, "de", "fr"));
        Assert.Equal("en-US", Choose("xx", "de", "en-US"));
    }

    [Fact]
    public void Choose_NoTags_Null()
    {
        Assert.Null(Choose(null));
        Assert.Null(AcceptLanguage.Choose(Enumerable.Empty<string>().Where(_ => true), AcceptLanguage.Parse("en")));
    }
}
