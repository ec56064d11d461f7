using System.Runtime.InteropServices;

namespace Curlew.Tests.Url;

/// <summary>What libcurl made of a URL: the CurlCode an easy transfer would stop with (0 when accepted) and the parts.</summary>
internal sealed record LibCurlUrlParts(int Code, string? Error, string? Scheme, string? User, string? Password,
    string? Host, string? ZoneId, int Port, string? Path, string? Query, string? Url);

/// <summary>
/// The system libcurl's URL API (<c>curl/urlapi.h</c>, 7.88.1), driven the way an easy handle drives it. Test-only.
/// Loading fails loudly: a missing <c>libcurl.so.4</c> makes the differential tests fail, never skip.
/// </summary>
internal static partial class LibCurlUrlApi
{
    private const string Lib = "libcurl.so.4";

    // CURLUPart
    private const int PartUrl = 0, PartScheme = 1, PartUser = 2, PartPassword = 3, PartHost = 5, PartPort = 6,
        PartPath = 7, PartQuery = 8, PartZoneId = 10;

    // CURLU_* flags
    private const uint DefaultPort = 1u << 0, NonSupportScheme = 1u << 3, UrlDecode = 1u << 6, UrlEncode = 1u << 7,
        GuessScheme = 1u << 9, AllowSpace = 1u << 11;

    // CURLUcode values the mapping needs
    private const int UeOk = 0, UeUnsupportedScheme = 5, UeNoUser = 11, UeNoPassword = 12, UeNoQuery = 16, UeNoZoneId = 18;

    [LibraryImport(Lib)] private static partial nint curl_url();
    [LibraryImport(Lib)] private static partial void curl_url_cleanup(nint handle);
    [LibraryImport(Lib)] private static partial void curl_free(nint pointer);
    [LibraryImport(Lib)] private static partial nint curl_url_strerror(int code);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int curl_url_set(nint handle, int part, string content, uint flags);
    [LibraryImport(Lib)] private static partial int curl_url_get(nint handle, int part, out nint content, uint flags);

    /// <summary>
    /// As <c>parseurlandfillconn</c> does: guess a missing scheme, let any scheme through the parser, then refuse the
    /// protocol if it is not one Curlew speaks (what a libcurl built with only HTTP, HTTPS, FTP and FTPS does),
    /// then URL-decode the credentials (a control character there is a malformed URL).
    /// </summary>
    public static LibCurlUrlParts ParseLikeEasyHandle(string url) =>
        WithHandle(h => Describe(h, curl_url_set(h, PartUrl, url, GuessScheme | NonSupportScheme)));

    /// <summary>As <c>Curl_follow</c> does for a Location header: set the location on the handle holding the base URL.</summary>
    public static LibCurlUrlParts ResolveLikeRedirect(string baseUrl, string location) =>
        WithHandle(h =>
        {
            int baseCode = curl_url_set(h, PartUrl, baseUrl, GuessScheme | NonSupportScheme);
            if (baseCode != UeOk)
            {
                throw new InvalidOperationException($"libcurl rejected the base URL {baseUrl}: {baseCode}");
            }
            return Describe(h, curl_url_set(h, PartUrl, location, UrlEncode | AllowSpace));
        });

    private static LibCurlUrlParts WithHandle(Func<nint, LibCurlUrlParts> work)
    {
        nint handle = curl_url();
        if (handle == 0)
        {
            throw new InvalidOperationException("curl_url() returned NULL");
        }
        try
        {
            return work(handle);
        }
        finally
        {
            curl_url_cleanup(handle);
        }
    }

    private static LibCurlUrlParts Describe(nint h, int setCode)
    {
        if (setCode != UeOk)
        {
            return Rejected(setCode == UeUnsupportedScheme ? 1 : 3, setCode);
        }
        string scheme = Get(h, PartScheme, 0, out _)!;
        if (scheme is not ("http" or "https" or "ftp" or "ftps"))
        {
            return Rejected(1, UeUnsupportedScheme);
        }
        string? user = Get(h, PartUser, UrlDecode, out int userCode);
        string? password = Get(h, PartPassword, UrlDecode, out int passwordCode);
        if (userCode is not (UeOk or UeNoUser))
        {
            return Rejected(3, userCode);
        }
        if (passwordCode is not (UeOk or UeNoPassword))
        {
            return Rejected(3, passwordCode);
        }
        string? zone = Get(h, PartZoneId, 0, out int zoneCode);
        string? query = Get(h, PartQuery, 0, out int queryCode);
        if (zoneCode is not (UeOk or UeNoZoneId) || queryCode is not (UeOk or UeNoQuery))
        {
            throw new InvalidOperationException($"curl_url_get failed unexpectedly: zone {zoneCode}, query {queryCode}");
        }
        return new LibCurlUrlParts(0, null, scheme, user, password, Get(h, PartHost, 0, out _), zone,
            int.Parse(Get(h, PartPort, DefaultPort, out _)!, System.Globalization.CultureInfo.InvariantCulture),
            Get(h, PartPath, 0, out _), query, Get(h, PartUrl, 0, out _));
    }

    private static LibCurlUrlParts Rejected(int code, int urlCode) =>
        new(code, Marshal.PtrToStringUTF8(curl_url_strerror(urlCode)), null, null, null, null, null, 0, null, null, null);

    private static string? Get(nint h, int part, uint flags, out int code)
    {
        code = curl_url_get(h, part, out nint text, flags);
        if (code != UeOk)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            curl_free(text);
        }
    }
}
