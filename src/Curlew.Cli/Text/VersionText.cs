namespace Curlew.Cli.Text;

/// <summary>-V in curl's layout, naming only what Curlew actually speaks today.</summary>
internal static class VersionText
{
    public static string Number => typeof(VersionText).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    public static string Render() =>
        $"curlew {Number} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}) {Curl.Version}\n" +
        "Release-Date: [unreleased]\n" +
        "Protocols: ftp ftps http https\n" +
        "Features: IPv6 Largefile SSL UnixSockets\n";
}
