using Lrs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lrs.Infrastructure.Persistence.Configurations;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("credentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.TenantId).HasColumnName("tenant_id");
        builder.Property(c => c.Key).HasColumnName("key");
        builder.Property(c => c.Name).HasColumnName("name");
        builder.Property(c => c.SecretHash).HasColumnName("secret_hash");
        builder.Property(c => c.Scopes).HasColumnName("scopes").HasConversion<int>();
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.RevokedAt).HasColumnName("revoked_at");
        builder.Ignore(c => c.IsActive);
    }
}
