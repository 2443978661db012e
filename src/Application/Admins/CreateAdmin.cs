using Lrs.Application.Security;
using Lrs.Domain;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Admins;

/// <summary>Create a portal admin; the password is generated when not given.</summary>
public sealed record CreateAdmin(string Email, string? Password, AdminRole Role);

/// <summary>The admin's e-mail and password (shown this once; only its hash is kept).</summary>
public sealed record AdminCreated(string Email, string Password, AdminRole Role);

public sealed class CreateAdminHandler(IAdminStore store, TimeProvider time)
{
    public const int MinPasswordLength = 10;

    public async Task<AdminCreated> HandleAsync(CreateAdmin command, CancellationToken ct)
    {
        var password = command.Password ?? SecretHasher.NewSecret()[..20];
        if (password.Length < MinPasswordLength)
        {
            throw new DomainException($"An admin password needs at least {MinPasswordLength} characters.");
        }

        var admin = AdminAccount.Create(command.Email, SecretHasher.Hash(password), command.Role, time.GetUtcNow());
        if (await store.FindByEmailAsync(admin.Email, ct) is not null)
        {
            throw new DomainException($"An admin with e-mail '{admin.Email}' already exists.");
        }

        await store.AddAsync(admin, ct);
        return new AdminCreated(admin.Email, password, admin.Role);
    }
}
