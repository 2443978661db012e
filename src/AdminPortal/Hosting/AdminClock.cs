using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Lrs.AdminPortal.Hosting;

/// <summary>
/// The admin's time zone, which the browser reports in the <c>lrs_tz</c> cookie (an IANA name, set by the portal's
/// script on every page): times are shown and typed in it. Until the browser has reported one, UTC is used and said.
/// </summary>
public sealed class AdminClock(IHttpContextAccessor http)
{
    public const string Cookie = "lrs_tz";

    private TimeZoneInfo? _zone;
    private bool _resolved;

    public TimeZoneInfo? Zone
    {
        get
        {
            if (!_resolved)
            {
                _resolved = true;
                var id = http.HttpContext?.Request.Cookies[Cookie];
                _zone = id is { Length: > 0 and < 100 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
            }

            return _zone;
        }
    }

    public string ZoneName => Zone?.Id ?? "UTC";

    public DateTimeOffset ToLocal(DateTimeOffset t) => Zone is { } zone ? TimeZoneInfo.ConvertTime(t, zone) : t.ToUniversalTime();

    public string Format(DateTimeOffset? at, string format = "yyyy-MM-dd HH:mm") =>
        at is { } t ? ToLocal(t).ToString(format, CultureInfo.InvariantCulture) + (Zone is null ? " UTC" : string.Empty) : "—";

    /// <summary>A <c>datetime-local</c> input's value (the admin's wall-clock time) as an instant; null when empty or unreadable.</summary>
    public DateTimeOffset? Parse(string? local)
    {
        if (string.IsNullOrWhiteSpace(local)
            || !DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var wall))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, (Zone ?? TimeZoneInfo.Utc).GetUtcOffset(unspecified));
    }
}
