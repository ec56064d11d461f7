using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>Remembers the last URL parsed for a handle: repeated performs of one URL (keep-alive loops) parse it once.</summary>
internal sealed class ParsedUrlCache
{
    private string? _text;
    private CurlUrl? _parsed;

    public CurlUrl Parse(string text)
    {
        if (_parsed is not null && string.Equals(text, _text, StringComparison.Ordinal)) return _parsed;
        var parsed = CurlUrl.Parse(text);   // throws for bad input: nothing cached then
        (_text, _parsed) = (text, parsed);
        return parsed;
    }
}
