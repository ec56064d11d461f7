namespace Curlew.Cli.WriteOut;

/// <summary>What -w may print about one finished transfer: the handle's infos plus what only the tool knows.</summary>
internal sealed record WriteOutContext(
    CurlEasy Easy,
    CurlCode Code,
    string ErrorMessage,
    string Url,
    string? FileName,
    int UrlIndex,
    IReadOnlyList<KeyValuePair<string, string>> LastHeaders);
