using Lrs.Domain.Tenancy;

namespace Lrs.Domain.Tests.Tenancy;

public sealed class AdminAccountTests
{
    [Fact]
    public void Create_MixedCaseEmail_IsTrimmedAndLowerCased()
    {
        var admin = AdminAccount.Create("  Ann.Admin@Example.COM ", "hash", AdminRole.Owner, DateTimeOffset.UnixEpoch);

        Assert.Equal("ann.admin@example.com", admin.Email);
        Assert.Equal(AdminRole.Owner, admin.Role);
    }

    [Theory]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("@example.com")]
    [InlineData("admin@")]
    [InlineData("ad min@example.com")]
    public void Create_NotAnEmail_IsRefusedSayingWhy(string email)
    {
        var error = Assert.Throws<DomainException>(() => AdminAccount.Create(email, "hash", AdminRole.Viewer, DateTimeOffset.UnixEpoch));

        Assert.Contains("is not an e-mail address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownRole_IsRefused() =>
        Assert.Throws<DomainException>(() => AdminAccount.Create("a@example.com", "hash", (AdminRole)7, DateTimeOffset.UnixEpoch));
}
