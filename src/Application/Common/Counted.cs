namespace Lrs.Application.Common;

/// <summary>One page of a short list (admins, tenants, credentials) and how many rows match in all.</summary>
public sealed record Counted<T>(IReadOnlyList<T> Items, int Total);

public static class Counted
{
    public const int MaxTake = 200;

    public static int Take(int take) => Math.Clamp(take, 1, MaxTake);

    public static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();
}
