using System.Globalization;

namespace Lrs.Bench;

/// <summary>Prints one aligned line per scenario: rate, latency percentiles, errors, the same-run COPY baseline and the ratio.</summary>
internal static class Report
{
    public static void Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"  {"scenario",-34} {"rate",14} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7} {"COPY stmts/s",13} {"ratio",8}");
    }

    public static void Line(string scenario, LoadResult result, string unit, double copyRate)
    {
        var errors = result.Errors + result.Busy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {scenario,-34} {result.Rate,9:N0} {unit,-4} {result.Percentile(0.50),8:N1} {result.Percentile(0.95),8:N1} {result.Percentile(0.99),8:N1} {errors,7:N0} {copyRate,13:N0} {Ratio(result.Rate, copyRate),8}"));
        if (result.FirstError is { } first)
        {
            Console.WriteLine($"    first error: {first[..Math.Min(first.Length, 300)]}");
        }
    }

    public static void Note(string text) => Console.WriteLine("    " + text);

    private static string Ratio(double rate, double copyRate) =>
        copyRate <= 0 ? "-" : (rate / copyRate).ToString(rate / copyRate >= 0.1 ? "P0" : "P1", CultureInfo.InvariantCulture);
}
