using Curlew.Url;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Url;

/// <summary>
/// Curlew's URL parser against the system libcurl's (<see cref="LibCurlUrlApi"/>): same verdict, same CurlCode on
/// rejection, same parts and same normalised URL on acceptance. Deliberate differences are listed with their reason.
/// </summary>
public sealed class CurlUrlDifferentialTests(ITestOutputHelper output)
{
    /// <summary>URLs an easy handle could be given: good and bad, every corner the parser has.</summary>
    public static readonly string[] ParseCases =
    [
        // plain, case, guessing
        "http://example.com", "HTTP://Example.COM/A/B?x=1#frag", "hTtP://x", "https://x:443/", "ftps://x/",
        "ftp://u:p@ftp.x.com:2121/dir/file;type=i", "example.com/x", "ftp.example.com/x", "FTP.example.com", "ftpx.com",
        "ftp", "EXAMPLE.com:81", "127.1:8080", "user:pw@ftp.example.com/x", "imap.example.com", "http//x",
        // schemes
        "foo://x/", "gopher://x/", "foo://", "1http://x", "http:/host/x", "http:///x", "http:////x", "http:host/x",
        // no host, bad host
        "", "http://", "http://:80/", "//host/x", "/x", ":80", "http://u:p@/", "http://ho st/", "http://host\\x",
        "http://a@b@host/", "http://ho%2Fst/", "http://host%20x/", "http://ho%00st/", "http://ho,st/", "http://ho+st/",
        "http://ho|st/", "http://ho~st/", "http://a_b/", "http://host%41/", "http://ho%zzst/", "http://ho.st./",
        // ports
        "http://host:0/", "http://host:65535/", "http://host:65536/", "http://host:abc/", "http://host:/x",
        "http://host:08080/", "http://host:+80/", "http://host:80:90/", "http://host:99999999999999999999/",
        // IPv6 and zone ids
        "http://[::1]/", "http://[::1]:8080/x", "[::1]:8080/x", "http://[::1/", "http://[zz::1]/", "http://[::1]x/",
        "http://[fe80::1%25eth0]/", "http://[fe80::1%eth0]/", "http://[fe80::1%]/", "http://[fe80::1%25]/",
        "http://[fe80::1%25abcdefghijklmnop]/", "http://[FE80::A]/", "http://[::ffff:127.0.0.1]/", "http://[::]",
        "http://[1:2:3:4:5:6:7:8:9]/", "http://[1::2::3]/", "http://[]/", "http://[1:2:3:4:5:6:7::]/",
        "http://[::1.2.3.04]/", "http://[::1]:65536/",
        // IPv4 shorthands
        "http://0x7f.1/", "http://0177.0.0.1/", "http://4294967295/", "http://4294967296/", "http://256.1.1.1/",
        "http://1.2.3.4.5/", "http://1.2.3/", "http://1.0xffffff/", "http://08/", "http://127.0.0.1./",
        "http://%31%32%37.1/", "http://0x/",
        // credentials
        "http://u:p@host/", "http://u:@host/", "http://u@host/", "http://:p@host/", "http://u%20x:p%3a@host/",
        "http://a:b:c@host/", "http://u;o:p@host/", "http://u%0a:p@host/", "@host",
        // path, query, fragment
        "http://host/a b", "http://host/?a b", "http://host/#a b", "http://host/\tx", "http://host/a/./b/../c",
        "http://host/../../x", "http://host/a/%2e%2e/b", "http://host/a//../b", "http://host/a/b/..", "http://host/.",
        "http://host/%41%zz", "http://host?q=1", "http://host#f", "http://host/p?", "http://host/p?#", "http://host/p#",
        "http://host/a?b?c#d#e", "http://host/a#b?c", "http://host/a/b?x/../y", "http://host/ü", "http://hoSt.Exämple/",
        "http://host/%7f", "http://host/\x7f",
        // more corners
        "http://[::1.2.3.4]/", "http://[1:2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:1.2.3.4]/", "http://[:1]/", "http://[1:]/",
        "http://[12345::1]/", "http://[::1]:0/", "http://[fe80::1%25abcdefghijklmno]/", "http://[fe80::1%25a:b]/",
        "HTTPS://[::1]:443/", "http://host:00000000000000000000080/", "http://host:80a/", "h-t.t+p://x",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa://x", "http://0x100000000/", "http://0xffffffff/", "http://1.0x1000000/",
        "http://0.0.0.0/", "http://000/", "http://0x0x1/", "http://ho%25st/", "http://ü:ö@host/", "http://u%C3%BC@host/",
        "http://u%ff@host/", "dict.example.com", "http://[fe80::1%25eth0]:8080/p?q",
        "host:", "host:?x", "[::1]:", "http://host:", "http://[::1]:", "u@host:", "a_b://x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa://x",
    ];

    /// <summary>RFC 3986 §5.4 references (normal and abnormal) plus curl's redirect leniencies, against base "http://a/b/c/d;p?q".</summary>
    public static readonly string[] ResolveCases =
    [
        "g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "", ".", "./",
        "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g", "/./g", "/../g", "g.", ".g",
        "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x",
        "g#s/./x", "g#s/../x", "http:g", "a b", "HTTPS://X/y", "ftp://f/x", "foo://x", "gopher://x/", "///x",
        "//[::1]:81/z", "ü", "g?a b",
    ];

    private const string ResolveBase = "http://a/b/c/d;p?q";

    /// <summary>Redirects from other bases: credentials, ports, IPv6 zones, FTP, absolute targets.</summary>
    public static readonly (string Base, string Location)[] OtherBaseResolveCases =
    [
        ("http://u:p@a:8080/b/c", "d"), ("http://[fe80::1%25eth0]:81/b", "/c"), ("https://a/b", "//c:81/d"),
        ("http://a/b?q", "?"), ("http://a/b", "http://x/y z"), ("http://a/b/", "../../x/./y/.."), ("ftp://a/b/c", "d;type=i"),
        ("http://a/b", "//u@h:1/p#f"), ("http://a", "x"), ("http://a/b", "//[::1"), ("http://a/b", "https://h:99999/"),
        ("ftp.example.com/a/b", "c"), ("http://a/b", "ftp://u:p%40@h/x"),
    ];

    /// <summary>Inputs where Curlew deliberately answers differently from libcurl 7.88.1, and why.</summary>
    private static readonly Dictionary<string, string> ResolveDifferences = new()
    {
        [""] = "RFC 3986 §5.2.2: an empty reference is the base itself; libcurl 7.88 drops the last segment and query",
        ["#s"] = "RFC 3986 §5.2.2: a fragment-only reference keeps the base path and query; libcurl 7.88 drops them",
        ["ü"] = "Curlew writes percent-encoding in upper-case hex (RFC 3986 §2.1); libcurl 7.88 uses lower case",
        ["g?a b"] = "Curlew encodes a space in the query as %20; libcurl 7.88 writes '+', which servers may not decode",
    };

    [Fact]
    public void CurlewParsesEveryUrlAsLibcurlDoes()
    {
        var mismatches = new List<string>();
        foreach (string url in ParseCases)
        {
            string? difference = Compare(LibCurlUrlApi.ParseLikeEasyHandle(url), () => CurlUrl.Parse(url));
            if (difference is not null)
            {
                mismatches.Add($"{Show(url)}: {difference}");
            }
        }
        Report("parse", ParseCases.Length, mismatches.Count, 0);
        Assert.True(mismatches.Count == 0, "Curlew and libcurl disagree:\n" + string.Join('\n', mismatches));
    }

    [Fact]
    public void CurlewResolvesRedirectsAsLibcurlDoesExceptWhereListed()
    {
        CurlUrl baseUrl = CurlUrl.Parse(ResolveBase);
        var mismatches = new List<string>();
        int listed = 0;
        foreach (string location in ResolveCases)
        {
            string? difference = Compare(LibCurlUrlApi.ResolveLikeRedirect(ResolveBase, location), () => baseUrl.Resolve(location));
            if (ResolveDifferences.TryGetValue(location, out string? why))
            {
                listed++;
                output.WriteLine($"listed difference {Show(location)}: {difference ?? "none any more"} ({why})");
                if (difference is null)
                {
                    mismatches.Add($"{Show(location)} is listed as a deliberate difference but now agrees; remove it from the list");
                }
            }
            else if (difference is not null)
            {
                mismatches.Add($"{Show(location)}: {difference}");
            }
        }
        foreach ((string from, string location) in OtherBaseResolveCases)
        {
            string? difference = Compare(LibCurlUrlApi.ResolveLikeRedirect(from, location), () => CurlUrl.Parse(from).Resolve(location));
            if (difference is not null)
            {
                mismatches.Add($"{Show(location)} from {Show(from)}: {difference}");
            }
        }
        Report("resolve", ResolveCases.Length + OtherBaseResolveCases.Length, mismatches.Count, listed);
        Assert.True(mismatches.Count == 0, "Curlew and libcurl disagree:\n" + string.Join('\n', mismatches));
    }

    /// <summary>Null when both agree, else what differs.</summary>
    private static string? Compare(LibCurlUrlParts libcurl, Func<CurlUrl> curlew)
    {
        CurlUrl? ours = null;
        int ourCode = 0;
        string? ourError = null;
        try
        {
            ours = curlew();
        }
        catch (CurlException e)
        {
            ourCode = (int)e.Code;
            ourError = e.Message;
        }
        if (ourCode != libcurl.Code)
        {
            return $"libcurl code {libcurl.Code} ({libcurl.Error ?? libcurl.Url}), Curlew code {ourCode} ({ourError ?? ours?.ToString()})";
        }
        if (ours is null)
        {
            return null;
        }
        string libHost = libcurl.Host is ['[', .. var inner, ']'] ? inner : libcurl.Host!;
        var diffs = new List<string>();
        Check(diffs, "scheme", libcurl.Scheme, ours.Scheme);
        Check(diffs, "user", libcurl.User, ours.User);
        Check(diffs, "password", libcurl.Password, ours.Password);
        // Curlew lower-cases names (the contract asks for it); libcurl keeps the case as written. Same host either way.
        if (!string.Equals(libHost, ours.Host, StringComparison.OrdinalIgnoreCase))
        {
            diffs.Add($"host libcurl '{libHost}' Curlew '{ours.Host}'");
        }
        Check(diffs, "zone id", libcurl.ZoneId, ours.ZoneId);
        Check(diffs, "port", libcurl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ours.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Check(diffs, "path", libcurl.Path, ours.Path);
        Check(diffs, "query", libcurl.Query, ours.Query);
        Check(diffs, "url", libcurl.Url, ours.ToString());
        return diffs.Count == 0 ? null : string.Join("; ", diffs);
    }

    private static void Check(List<string> diffs, string part, string? libcurl, string? curlew)
    {
        if (!string.Equals(libcurl, curlew, StringComparison.Ordinal))
        {
            diffs.Add($"{part} libcurl {Quote(libcurl)} Curlew {Quote(curlew)}");
        }
    }

    private static string Quote(string? s) => s is null ? "(none)" : "'" + s + "'";

    private static string Show(string s) => "\"" + s.Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private void Report(string what, int cases, int mismatches, int listed)
    {
        string line = $"URL differential ({what}): {cases} cases, {cases - mismatches - listed} identical, " +
                      $"{listed} listed deliberate differences, {mismatches} unexpected mismatches";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
