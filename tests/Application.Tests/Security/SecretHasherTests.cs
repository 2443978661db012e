using Lrs.Application.Security;

namespace Lrs.Application.Tests.Security;

public class SecretHasherTests
{
    private static readonly string Hashed = SecretHasher.Hash("correct horse");

    [Fact]
    public void Verify_RightSecret_True() => Assert.True(SecretHasher.Verify("correct horse", Hashed));

    [Theory]
    [InlineData("")]
    [InlineData("correct horse ")]
    [InlineData("Correct horse")]
    [InlineData("correct")]
    public void Verify_WrongSecret_False(string secret) => Assert.False(SecretHasher.Verify(secret, Hashed));

    [Fact]
    public void Hash_SameSecretTwice_DifferentSalts()
    {
        var again = SecretHasher.Hash("correct horse");

        Assert.NotEqual(Hashed, again);
        Assert.NotEqual(Hashed.Split('$')[2], again.Split('$')[2]);
        Assert.True(SecretHasher.Verify("correct horse", again));
    }

    [Fact]
    public void Hash_Format_AlgorithmIterationsSaltHash()
    {
        var parts = Hashed.Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 100_000);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    public static TheoryData<string> Malformed()
    {
        var p = Hashed.Split('$');
        return new TheoryData<string>
        {
            string.Empty,
            "plain",
            "correct horse",
            $"{p[0]}${p[1]}${p[2]}",
            $"{p[0]}${p[1]}${p[2]}${p[3]}$extra",
            $"bcrypt${p[1]}${p[2]}${p[3]}",
            $"{p[0]}$many${p[2]}${p[3]}",
            $"{p[0]}$0${p[2]}${p[3]}",
            $"{p[0]}$-5${p[2]}${p[3]}",
            $"{p[0]}${p[1]}$not base64!${p[3]}",
            $"{p[0]}${p[1]}${p[2]}$not base64!",
            $"{p[0]}${p[1]}${p[2]}$",
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Verify_MalformedEncoding_False(string encoded) => Assert.False(SecretHasher.Verify("correct horse", encoded));

    [Fact]
    public void NewSecret_TwoCalls_DifferentHex48()
    {
        var a = SecretHasher.NewSecret();
        var b = SecretHasher.NewSecret();

        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-f]{48}$", a);
    }
}
