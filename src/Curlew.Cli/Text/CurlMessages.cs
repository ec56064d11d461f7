namespace Curlew.Cli.Text;

/// <summary>The text after "curlew: (N) " for a failed transfer: the library's message, in curl's words where they differ.</summary>
internal static class CurlMessages
{
    /// <summary>What curl's tool adds after a failed certificate check (exit 60), in its words, naming curlew.</summary>
    public const string VerificationHelp =
        "More details here: https://curl.se/docs/sslcerts.html\n\n" +
        "curlew failed to verify the legitimacy of the server and therefore could not\n" +
        "establish a secure connection to it. To learn more about this situation and\n" +
        "how to fix it, please visit the web page mentioned above.\n";

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
