namespace Curlew.Url;

/// <summary>
/// The host part of a URL after validation: a name (percent-decoded), a normalised IPv4 address, or an IPv6 literal
/// with its optional zone id. <see cref="Host"/> is the lower-cased form used to connect and compare;
/// <see cref="UrlForm"/> is how it appears in the normalised URL (case as written, brackets and "%25zone" for IPv6).
/// </summary>
internal readonly record struct UrlHost(string Host, string UrlForm, string? ZoneId, bool IsIPv6Literal)
{
    /// <summary>Longest zone id libcurl accepts inside brackets.</summary>
    private const int MaxZoneIdLength = 15;

    /// <summary>Characters that may not appear in a (decoded) host name.</summary>
    private const string ForbiddenInName = " \r\n\t/:#?!@{}[]\\$'\"^`*<>=;,+&()";

    /// <summary>Parses host text: "[v6%25zone]", a numeric IPv4 form, or a name.</summary>
    public static UrlHost Parse(string text)
    {
        if (text.Length == 0)
        {
            throw UrlErrors.NoHost();
        }
        return text[0] == '[' ? ParseBracketed(text) : ParseName(text);
    }

    private static UrlHost ParseBracketed(string text)
    {
        if (text.Length < 4 || text[^1] != ']')
        {
            throw UrlErrors.BadIPv6();
        }
        string inside = text[1..^1];
        int percent = inside.IndexOf('%');
        string address = percent < 0 ? inside : inside[..percent];
        string? zone = null;
        if (percent >= 0)
        {
            zone = inside[(percent + 1)..];
            // "%25" is the percent sign escaped as RFC 6874 wants; a bare '%' is accepted too, like curl does.
            if (zone.StartsWith("25", StringComparison.Ordinal) && zone.Length > 2)
            {
                zone = zone[2..];
            }
            if (zone.Length is 0 or > MaxZoneIdLength)
            {
                throw UrlErrors.BadIPv6();
            }
        }
        if (!Ipv6Literal.IsValid(address))
        {
            throw UrlErrors.BadIPv6();
        }
        string urlForm = zone is null ? $"[{address}]" : $"[{address}%25{zone}]";
        return new UrlHost(address.ToLowerInvariant(), urlForm, zone, IsIPv6Literal: true);
    }

    private static UrlHost ParseName(string text)
    {
        if (Ipv4Shorthand.TryNormalize(text, out string dottedQuad))
        {
            return new UrlHost(dottedQuad, dottedQuad, null, IsIPv6Literal: false);
        }
        string name = PercentEncoding.DecodeRejectingControls(text) ?? throw UrlErrors.BadHostname();
        if (name.Length == 0 || name.AsSpan().IndexOfAny(ForbiddenInName) >= 0)
        {
            throw UrlErrors.BadHostname();
        }
        // A '%' left after decoding was not an escape; it is re-escaped when the URL is written back out.
        return new UrlHost(name.ToLowerInvariant(), name.Replace("%", "%25", StringComparison.Ordinal), null, IsIPv6Literal: false);
    }
}
