using Lrs.Domain.Tenancy;

namespace Lrs.Domain.Tests.Tenancy;

public class TenantTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Create_BlankName_Throws(string name) => Assert.Throws<DomainException>(() => Tenant.Create(name, Now));

    [Fact]
    public void Create_PaddedName_Trimmed() => Assert.Equal("Acme", Tenant.Create("  Acme \t", Now).Name);

    [Fact]
    public void Create_IdGiven_Kept()
    {
        var id = Guid.NewGuid();

        var tenant = Tenant.Create("Acme", Now, id);

        Assert.Equal(id, tenant.Id);
        Assert.Equal(Now, tenant.CreatedAt);
    }

    [Fact]
    public void Create_NoId_GeneratesVersion7()
    {
        var first = Tenant.Create("Acme", Now);
        var second = Tenant.Create("Acme", Now);

        Assert.Equal(7, first.Id.Version);
        Assert.NotEqual(first.Id, second.Id);
    }
}
