using System.Net;
using System.Text;

namespace Curlew;

/// <summary>
/// The header callback of one request: keeps the lines of the latest response head (a 1xx, a followed redirect or an
/// authentication round is replaced by the next head), builds the <see cref="HttpResponseMessage"/> from it when the
/// engine says it is the final one, and puts the lines that come after the body (chunked trailers) into
/// <see cref="HttpResponseMessage.TrailingHeaders"/>.
/// </summary>
internal sealed class ResponseHeadCollector
{
    private readonly List<(string Name, string Value)> _fields = [];   // of the latest head, split once as they arrive
    private string? _statusLine;
    private HttpResponseMessage? _response;

    /// <summary>The WriteCallback given as HeaderFunction.</summary>
    public long OnHeaderLine(ReadOnlySpan<byte> data, object? userdata)
    {
        var line = data.TrimEnd("\r\n"u8);
        if (_response is not null)
        {
            if (Split(line) is { } trailer) _response.TrailingHeaders.TryAddWithoutValidation(trailer.Name, trailer.Value);
            return data.Length;
        }
        if (line.StartsWith("HTTP/"u8))
        {
            _statusLine = Encoding.Latin1.GetString(line);
            _fields.Clear();
        }
        else if (!line.IsEmpty)
        {
            // An obsolete folded line continues the previous header's value.
            if ((line[0] == ' ' || line[0] == '\t') && _fields.Count > 0)
                _fields[^1] = (_fields[^1].Name, _fields[^1].Value + " " + Encoding.Latin1.GetString(line).Trim());
            else if (Split(line) is { } field) _fields.Add(field);
        }
        return data.Length;
    }

    // "Name: value" into its trimmed parts; null for a line with no name before a colon. Spaces and tabs are cut off
    // before decoding (no string made just to be trimmed); Trim then only meets what a Latin-1 line rarely holds.
    private static (string Name, string Value)? Split(ReadOnlySpan<byte> line)
    {
        int colon = line.IndexOf((byte)':');
        if (colon <= 0) return null;
        var name = Encoding.Latin1.GetString(line[..colon].Trim(" \t"u8)).Trim();
        var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8)).Trim();
        return (name, value);
    }

    /// <summary>Status of the head seen last (0 before any).</summary>
    public int LastStatus => _statusLine is null ? 0 : ParseStatus(_statusLine).Code;

    /// <summary>Makes the response from the head seen last; its content reads <paramref name="body"/>.</summary>
    public HttpResponseMessage Build(HttpRequestMessage request, Stream body)
    {
        if (_statusLine is null) throw new HttpRequestException(HttpRequestError.InvalidResponse, "The server sent no status line");
        var (code, version, reason) = ParseStatus(_statusLine);
        var response = new HttpResponseMessage((HttpStatusCode)code)
        {
            Version = version,
            ReasonPhrase = reason,
            RequestMessage = request,
            Content = new StreamContent(body),
        };
        foreach (var (name, value) in _fields)
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        _response = response;
        return response;
    }

    // "HTTP/1.1 200 OK": Curlew's head reader already accepted it, so only the parts are taken apart here.
    private static (int Code, Version Version, string? Reason) ParseStatus(string line)
    {
        int firstSpace = line.IndexOf(' ');
        var protocol = firstSpace < 0 ? line : line[..firstSpace];
        var version = protocol switch { "HTTP/1.0" => HttpVersion.Version10, "HTTP/2" or "HTTP/2.0" => HttpVersion.Version20, _ => HttpVersion.Version11 };
        var rest = firstSpace < 0 ? "" : line[(firstSpace + 1)..];
        int secondSpace = rest.IndexOf(' ');
        var codeText = secondSpace < 0 ? rest : rest[..secondSpace];
        int code = int.TryParse(codeText, out var c) ? c : 0;
        return (code, version, secondSpace < 0 ? "" : rest[(secondSpace + 1)..]);
    }
}
