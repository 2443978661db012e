using Lrs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lrs.Infrastructure.Persistence.Configurations;

internal sealed class AdminAccountConfiguration : IEntityTypeConfiguration<AdminAccount>
{
    public void Configure(EntityTypeBuilder<AdminAccount> builder)
    {
        builder.ToTable("admins");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.Email).HasColumnName("email");
        builder.Property(a => a.PasswordHash).HasColumnName("password_hash");
        builder.Property(a => a.Role).HasColumnName("role").HasConversion<string>();
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
    }
}
