namespace Lrs.Domain.Tenancy;

/// <summary>An organisation whose learning records are isolated from every other tenant's.</summary>
public sealed class Tenant
{
    private Tenant()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Tenant Create(string name, DateTimeOffset now, Guid? id = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A tenant needs a name.");
        }

        return new Tenant { Id = id ?? Guid.CreateVersion7(), Name = name.Trim(), CreatedAt = now };
    }
}
