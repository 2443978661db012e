using System.Text.Json.Nodes;

namespace Lrs.Application.Demo;

/// <summary>A learner of the demo tenant and the xAPI Agent that names them in statements.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Mbox">The <c>mailto:</c> IRI, or null for learners known by a single-sign-on account.</param>
/// <param name="Account">The account name on <see cref="DemoLearners.AccountHomePage"/>, for learners without an mbox.</param>
public sealed record DemoLearner(string Name, string? Mbox, string? Account)
{
    public JsonObject Agent()
    {
        var agent = new JsonObject { ["objectType"] = "Agent", ["name"] = Name };
        if (Mbox is not null)
        {
            agent["mbox"] = Mbox;
        }
        else
        {
            agent["account"] = new JsonObject { ["homePage"] = DemoLearners.AccountHomePage, ["name"] = Account };
        }

        return agent;
    }
}

/// <summary>Realistic, varied learners from fixed name lists: most by work email, some by their account on the company's sign-on.</summary>
public static class DemoLearners
{
    public const string AccountHomePage = "https://sso.northwind.example";

    private static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Aisha", "Lucas", "Mei", "Ethan", "Priya", "Jonas", "Zara", "Kenji", "Chloe",
        "Omar", "Hannah", "Diego", "Ingrid", "Samuel", "Fatima", "Leo", "Nadia", "Tomasz", "Grace", "Ravi", "Elena", "Kwame", "Isla", "Hugo",
        "Yuki", "Ahmed", "Freya", "Carlos", "Leila", "Finn", "Ana", "Oskar", "Maya", "Jamal",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Okafor", "García", "Nguyen", "Müller", "Kowalski", "Patel", "Johansson", "Rossi", "Tanaka", "Dubois", "O'Brien", "Silva",
        "Haddad", "Novak", "Andersen", "Kim", "Mensah", "Fernández", "Schmidt", "Ahmed", "Larsen", "Costa", "Ivanova", "Walker", "Chen",
        "Moreau", "Singh", "Bianchi", "Murphy",
    ];

    private static readonly string[] Domains = ["northwind.example", "northwind.example", "northwind.example", "contoso.example"];

    /// <summary><paramref name="count"/> distinct learners; the same random sequence always gives the same learners.</summary>
    public static IReadOnlyList<DemoLearner> Generate(Random random, int count)
    {
        var learners = new List<DemoLearner>(count);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        while (learners.Count < count)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            if (random.Next(5) == 0)
            {
                // Known to the LRS only by their employee number on the sign-on system.
                learners.Add(new DemoLearner($"{first} {last}", null, $"E{10000 + learners.Count * 7 + random.Next(7)}"));
                continue;
            }

            var local = $"{Ascii(first)}.{Ascii(last)}";
            var email = $"{local}@{Domains[random.Next(Domains.Length)]}";
            for (var n = 2; !emails.Add(email); n++)
            {
                email = $"{local}{n}@{email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..]}";
            }

            learners.Add(new DemoLearner($"{first} {last}", "mailto:" + email, null));
        }

        return learners;
    }

    /// <summary>A name as an email local part: lower case, accents and apostrophes dropped.</summary>
    private static string Ascii(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
    }
}
