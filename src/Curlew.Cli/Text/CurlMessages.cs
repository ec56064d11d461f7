namespace Curlew.Cli.Text;

/// <summary>The text after "curlew: (N) " for a failed transfer: the library's message, in curl's words where they differ.</summary>
internal static class CurlMessages
{
    public static string For(CurlCode code, string? libraryMessage)
    {
        // The library names schemes it will support later in its own words; curl's tool says the same thing one way.
        if (code == CurlCode.UnsupportedProtocol && libraryMessage != null && libraryMessage.StartsWith("Protocol \"", StringComparison.Ordinal))
        {
            int end = libraryMessage.IndexOf('"', 10);
            if (end > 10) return $"Protocol \"{libraryMessage[10..end]}\" not supported or disabled in libcurl";
        }
        return string.IsNullOrEmpty(libraryMessage) ? Curl.StrError(code) : libraryMessage;
    }
}
