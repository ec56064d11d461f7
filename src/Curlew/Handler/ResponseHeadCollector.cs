using System.Net;
using System.Globalization;
using System.Text;

namespace Curlew;

/// <summary>
/// The header callback of one request: keeps the lines of the latest response head (a 1xx, a followed redirect or an
/// authentication round is replaced by the next head), builds the <see cref="HttpResponseMessage"/> from it when the
/// engine says it is the final one, and puts the lines that come after the body (chunked trailers) into
/// <see cref="HttpResponseMessage.TrailingHeaders"/>. One per pooled handle, made ready for each request by
/// <see cref="Begin"/>, so its list of fields is reused.
/// </summary>
internal sealed class ResponseHeadCollector
{
    private readonly List<(string Name, string Value)> _fields = [];   // of the latest head, split once as they arrive
    private bool _sawStatus;
    private int _status;   // of the latest head; 0 before any
    private Version _version = HttpVersion.Version11;
    private string _reason = "";
    private HttpResponseMessage? _response;
    // The value each known header had last time on this handle: a keep-alive server repeats most of them (Server,
    // Content-Type, ETag, Date within a second), so an equal value reuses the string instead of decoding a new one.
    private readonly string?[] _lastValues = new string?[KnownNames.Length];

    /// <summary>Forgets the previous request's head and response.</summary>
    public void Begin()
    {
        _fields.Clear();
        _status = 0;
        _sawStatus = false;
        _version = HttpVersion.Version11;
        _reason = "";
        _response = null;
    }

    /// <summary>The WriteCallback given as HeaderFunction.</summary>
    public long OnHeaderLine(ReadOnlySpan<byte> data, object? userdata)
    {
        var line = data.TrimEnd("\r\n"u8);
        if (_response is not null)
        {
            if (Split(line, null) is { } trailer) _response.TrailingHeaders.TryAddWithoutValidation(trailer.Name, trailer.Value);
            return data.Length;
        }
        if (line.StartsWith("HTTP/"u8))
        {
            ParseStatus(line);
            _fields.Clear();
        }
        else if (!line.IsEmpty)
        {
            // An obsolete folded line continues the previous header's value.
            if ((line[0] == ' ' || line[0] == '\t') && _fields.Count > 0)
                _fields[^1] = (_fields[^1].Name, _fields[^1].Value + " " + Encoding.Latin1.GetString(line).Trim());
            else if (Split(line, _lastValues) is { } field) _fields.Add(field);
        }
        return data.Length;
    }

    // "Name: value" into its trimmed parts; null for a line with no name before a colon. Spaces and tabs are cut off
    // before decoding (no string made just to be trimmed); Trim then only meets what a Latin-1 line rarely holds.
    // With lastValues, a known header's value equal to its previous one on this handle is that string again (an ASCII
    // comparison: a value with other Latin-1 bytes is simply decoded anew).
    private static (string Name, string Value)? Split(ReadOnlySpan<byte> line, string?[]? lastValues)
    {
        int colon = line.IndexOf((byte)':');
        if (colon <= 0) return null;
        var nameBytes = line[..colon].Trim(" \t"u8);
        var valueBytes = line[(colon + 1)..].Trim(" \t"u8);
        int known = KnownIndex(nameBytes);
        if (known < 0) return (Encoding.Latin1.GetString(nameBytes).Trim(), Encoding.Latin1.GetString(valueBytes).Trim());
        if (lastValues?[known] is { } last && Ascii.Equals(valueBytes, last)) return (KnownNames[known], last);
        // A kept value is already trimmed, so bytes equal to it decode and trim to it: the reuse above is exact.
        var value = Encoding.Latin1.GetString(valueBytes).Trim();
        if (lastValues is not null) lastValues[known] = value;
        return (KnownNames[known], value);
    }

    /// <summary>Status of the head seen last (0 before any).</summary>
    public int LastStatus => _status;

    /// <summary>Makes the response from the head seen last; its content reads <paramref name="body"/>.</summary>
    public HttpResponseMessage Build(HttpRequestMessage request, Stream body)
    {
        if (!_sawStatus) throw new HttpRequestException(HttpRequestError.InvalidResponse, "The server sent no status line");
        var response = new HttpResponseMessage((HttpStatusCode)_status)
        {
            Version = _version,
            ReasonPhrase = _reason,
            RequestMessage = request,
            Content = new StreamContent(body),
        };
        foreach (var (name, value) in _fields)
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        _response = response;
        return response;
    }

    // "HTTP/1.1 200 OK": Curlew's head reader already accepted it, so only the parts are taken apart here.
    private void ParseStatus(ReadOnlySpan<byte> line)
    {
        _sawStatus = true;
        int firstSpace = line.IndexOf((byte)' ');
        var protocol = firstSpace < 0 ? line : line[..firstSpace];
        _version = protocol.SequenceEqual("HTTP/1.0"u8) ? HttpVersion.Version10
            : protocol.SequenceEqual("HTTP/2"u8) || protocol.SequenceEqual("HTTP/2.0"u8) ? HttpVersion.Version20 : HttpVersion.Version11;
        var rest = firstSpace < 0 ? [] : line[(firstSpace + 1)..];
        int secondSpace = rest.IndexOf((byte)' ');
        var codeText = secondSpace < 0 ? rest : rest[..secondSpace];
        _status = int.TryParse(codeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var reason = secondSpace < 0 ? [] : rest[(secondSpace + 1)..];
        _reason = reason.IsEmpty ? "" : reason.SequenceEqual("OK"u8) ? "OK" : Encoding.Latin1.GetString(reason);
    }

    // Names most responses carry, spelled as servers usually send them: matched byte for byte, they cost no string.
    private static readonly string[] KnownNames =
    [
        "Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges",
        "Keep-Alive", "Transfer-Encoding", "Cache-Control", "Expires", "Vary", "Location", "Content-Encoding",
        "server", "date", "content-type", "content-length", "last-modified", "connection", "etag", "accept-ranges",
    ];

    private static int KnownIndex(ReadOnlySpan<byte> name)
    {
        for (int k = 0; k < KnownNames.Length; k++)
            if (Ascii.Equals(name, KnownNames[k])) return k;
        return -1;
    }
}
