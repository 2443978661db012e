namespace Lrs.Domain.Progress;

/// <summary>A reported score (xAPI <c>result.score</c>); every part is optional.</summary>
public sealed record Score(double? Scaled, double? Raw, double? Min, double? Max)
{
    public static Score Create(double? scaled, double? raw, double? min, double? max)
    {
        if (scaled is < -1 or > 1)
        {
            throw new DomainException("A scaled score lies between -1 and 1.");
        }

        return new Score(scaled, raw, min, max);
    }
}
