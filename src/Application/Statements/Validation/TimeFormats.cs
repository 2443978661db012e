namespace Lrs.Application.Statements.Validation;

/// <summary>ISO 8601 timestamps (Data §4.5) and durations (Data §4.6), parsed by hand to avoid allocation.</summary>
internal static class TimeFormats
{
    private const string TimestampFormat = "must be an ISO 8601 date and time such as 2013-05-18T05:32:34.804Z";

    public static bool TryParseTimestamp(string text, out DateTimeOffset value) => Parse(text, out value) is null;

    /// <summary>Why <paramref name="text"/> is not a valid timestamp, or null when it is.</summary>
    public static string? TimestampProblem(string text) => Parse(text, out _);

    /// <summary>
    /// Combined date and time in the extended (2013-05-18T05:32:34.804+01:00) or basic (20130518T053234Z) format.
    /// A missing zone is accepted (Data §4.5 only says SHOULD* include it) and read as UTC; "-00:00" is refused
    /// because ISO 8601 writes a zero offset as "Z" or "+00:00".
    /// </summary>
    private static string? Parse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        var pos = 0;
        if (!Digits(s, ref pos, 4, out var year))
        {
            return TimestampFormat;
        }

        var extended = pos < s.Length && s[pos] == '-';
        if ((extended && !Expect(s, ref pos, '-')) || !Digits(s, ref pos, 2, out var month)
            || (extended && !Expect(s, ref pos, '-')) || !Digits(s, ref pos, 2, out var day))
        {
            return TimestampFormat;
        }

        if (!Expect(s, ref pos, 'T'))
        {
            return "must be a combined date and time: the date, the letter T, then the time";
        }

        if (!Digits(s, ref pos, 2, out var hour) || (extended && !Expect(s, ref pos, ':')) || !Digits(s, ref pos, 2, out var minute))
        {
            return TimestampFormat;
        }

        var second = 0;
        var ticks = 0L;
        if (pos < s.Length && (extended ? s[pos] == ':' : char.IsAsciiDigit(s[pos])))
        {
            if ((extended && !Expect(s, ref pos, ':')) || !Digits(s, ref pos, 2, out second))
            {
                return TimestampFormat;
            }

            if (pos < s.Length && s[pos] is '.' or ',')
            {
                var start = ++pos;
                var scale = TimeSpan.TicksPerSecond;
                for (; pos < s.Length && char.IsAsciiDigit(s[pos]); pos++)
                {
                    scale /= 10;
                    ticks += (s[pos] - '0') * scale;
                }

                if (pos == start)
                {
                    return TimestampFormat;
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (pos < s.Length)
        {
            var sign = s[pos++];
            if (sign is '+' or '-')
            {
                if (!Digits(s, ref pos, 2, out var offsetHours))
                {
                    return TimestampFormat;
                }

                var offsetMinutes = 0;
                if (pos < s.Length && ((s[pos] == ':' && !Expect(s, ref pos, ':')) || !Digits(s, ref pos, 2, out offsetMinutes)))
                {
                    return TimestampFormat;
                }

                if (offsetHours > 23 || offsetMinutes > 59)
                {
                    return "has a time zone offset out of range";
                }

                if (sign == '-' && offsetHours == 0 && offsetMinutes == 0)
                {
                    return "must not use the offset -00:00; ISO 8601 writes a zero offset as Z or +00:00";
                }

                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                offset = sign == '-' ? -offset : offset;
            }
            else if (sign != 'Z')
            {
                return TimestampFormat;
            }

            if (pos != s.Length)
            {
                return TimestampFormat;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return "is not a real date and time (a field is out of range)";
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return "is outside the supported range of dates";
        }

        value = offset.Duration() <= TimeSpan.FromHours(14)
            ? new DateTimeOffset(local, offset)
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return null;
    }

    /// <summary>
    /// ISO 8601:2004 §4.4.3.2 durations: PnYnMnDTnHnMnS (any subset, in order) or PnW alone; a decimal fraction
    /// only on the last component. The alternative format (P0003-02-01...) is not allowed (Data §4.6).
    /// </summary>
    public static bool IsDuration(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || s[0] != 'P')
        {
            return false;
        }

        if (s[^1] == 'W')
        {
            var weeks = 1;
            return Number(s, ref weeks, out _) && weeks == s.Length - 1;
        }

        var pos = 1;
        var rank = 0;
        var inTime = false;
        var timeComponents = 0;
        var fraction = false;
        while (pos < s.Length)
        {
            if (s[pos] == 'T')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                pos++;
                continue;
            }

            if (fraction || !Number(s, ref pos, out fraction) || pos >= s.Length)
            {
                return false;
            }

            var unitRank = (inTime, s[pos++]) switch
            {
                (false, 'Y') => 1,
                (false, 'M') => 2,
                (false, 'D') => 3,
                (true, 'H') => 4,
                (true, 'M') => 5,
                (true, 'S') => 6,
                _ => 0,
            };
            if (unitRank <= rank)
            {
                return false;
            }

            rank = unitRank;
            timeComponents += inTime ? 1 : 0;
        }

        return rank > 0 && (!inTime || timeComponents > 0);
    }

    private static bool Number(ReadOnlySpan<char> s, ref int pos, out bool fraction)
    {
        fraction = false;
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            return false;
        }

        if (pos < s.Length && s[pos] is '.' or ',')
        {
            var fractionStart = ++pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            fraction = true;
            return pos > fractionStart;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > s.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var c = s[pos + i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int pos, char expected)
    {
        if (pos < s.Length && s[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }
}
