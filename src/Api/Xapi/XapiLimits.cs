namespace Lrs.Api.Xapi;

/// <summary>Size limits of xAPI requests (configuration <c>Lrs:Xapi:MaxBodyBytes</c>).</summary>
public sealed record XapiLimits(long MaxBodyBytes)
{
    public const long DefaultMaxBodyBytes = 32 * 1024 * 1024;
}
