using Curlew.Cli.Args;

namespace Curlew.Cli.Transfer;

/// <summary>
/// One transfer to make: its group's runner, the (de-globbed) URL, where its body goes, its URL's place on the command
/// line, and the (de-globbed) -T file it uploads, if any.
/// </summary>
internal sealed record PlannedTransfer(TransferRunner Runner, string Url, OutputTarget Target, int Index, byte[]? Body, string? UploadFile = null);

/// <summary>
/// Turns a URL group into transfers: each URL pairs with the -o/-O given in the same position, and a URL with globs
/// becomes one transfer per combination (its "#N" output names filled in) unless -g turned globbing off. A -T file
/// name is globbed the same way, as curl does: every file it names goes to every URL the URL's globs make, file by
/// file ("-T '{a,b}' 'host/{x,y}/'" is a to x, a to y, b to x, b to y); "#N" still counts the URL's globs only.
/// </summary>
internal static class TransferPlan
{
    public const int MalformedUrlExit = 3;   // CURLE_URL_MALFORMAT, curl's code for a bad glob

    /// <summary>The transfers of URL <paramref name="index"/>, or null after reporting a bad glob as curl does.</summary>
    public static List<PlannedTransfer>? ForUrl(CliOptions o, TransferRunner runner, int index, byte[]? body, TextWriter stderr)
    {
        string url = o.Urls[index];
        var target = index < o.Outputs.Count ? o.Outputs[index] : new OutputTarget(null, o.RemoteNameAll);
        if (o.Globoff) return [new PlannedTransfer(runner, url, target, index, body, o.UploadFile)];
        // curl globs the upload name first, so a bad one is reported before the URL's.
        string?[] uploads = [o.UploadFile];
        if (o.UploadFile is not (null or "-" or "."))
        {
            if (!UrlGlob.TryExpand(o.UploadFile, out var files, out var fileError)) return Malformed(o, o.UploadFile, fileError!, stderr);
            uploads = files.Select(f => (string?)f.Url).ToArray();
        }
        if (!UrlGlob.TryExpand(url, out var urls, out var error)) return Malformed(o, url, error!, stderr);
        return uploads.SelectMany(file => urls.Select(u => new PlannedTransfer(runner, u.Url, Fill(target, u.Choices), index, body, file))).ToList();
    }

    private static List<PlannedTransfer>? Malformed(CliOptions o, string text, GlobError error, TextWriter stderr)
    {
        if (!o.Silent || o.ShowError)
        {
            // curl's layout: the reason and position, the text, and a caret under the position (never in column 0).
            string caret = new string(' ', Math.Max(1, error.Position - 1)) + "^";
            stderr.Write($"curlew: ({MalformedUrlExit}) {error.Reason} in URL position {error.Position}:\n{text}\n{caret}\n");
        }
        return null;
    }

    private static OutputTarget Fill(OutputTarget target, IReadOnlyList<string> choices) =>
        target.FileName == null || choices.Count == 0 ? target : target with { FileName = UrlGlob.FillOutputName(target.FileName, choices) };
}
