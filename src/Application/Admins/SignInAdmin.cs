using Lrs.Application.Security;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Admins;

/// <summary>Check an admin's e-mail and password.</summary>
public sealed record SignInAdmin(string? Email, string? Password);

public sealed class SignInAdminHandler(IAdminStore store)
{
    // Verified against when the e-mail is unknown, so that the answer takes as long as for a wrong password.
    private static readonly string Decoy = SecretHasher.Hash(SecretHasher.NewSecret());

    /// <summary>The admin, or null when the e-mail is unknown or the password wrong (the caller cannot tell which).</summary>
    public async Task<AdminAccount?> HandleAsync(SignInAdmin command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Email) || string.IsNullOrEmpty(command.Password))
        {
            return null;
        }

        var admin = await store.FindByEmailAsync(AdminAccount.NormaliseEmail(command.Email), ct);
        var verified = SecretHasher.Verify(command.Password, admin?.PasswordHash ?? Decoy);
        return admin is not null && verified ? admin : null;
    }
}
