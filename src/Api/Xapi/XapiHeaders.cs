namespace Lrs.Api.Xapi;

public static class XapiHeaders
{
    public const string Version = "X-Experience-API-Version";
    public const string ConsistentThrough = "X-Experience-API-Consistent-Through";

    /// <summary>The patch version this LRS implements (Communication §3.3: the latest patch version).</summary>
    public const string CurrentVersion = "1.0.3";
}
