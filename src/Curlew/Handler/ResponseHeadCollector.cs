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
    private readonly List<string> _lines = [];
    private string? _statusLine;
    private HttpResponseMessage? _response;

    /// <summary>The WriteCallback given as HeaderFunction.</summary>
    public long OnHeaderLine(ReadOnlySpan<byte> data, object? userdata)
    {
        var line = Encoding.Latin1.GetString(data).TrimEnd('\r', '\n');
        if (_response is not null)
        {
            AddTrailer(_response, line);
            return data.Length;
        }
        if (line.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            _statusLine = line;
            _lines.Clear();
        }
        else if (line.Length > 0)
        {
            // An obsolete folded line continues the previous header's value.
            if ((line[0] == ' ' || line[0] == '\t') && _lines.Count > 0) _lines[^1] += " " + line.Trim();
            else _lines.Add(line);
        }
        return data.Length;
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
        foreach (var line in _lines)
        {
            int colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        _response = response;
        return response;
    }

    private static void AddTrailer(HttpResponseMessage response, string line)
    {
        int colon = line.IndexOf(':');
        if (colon <= 0) return;
        response.TrailingHeaders.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim());
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
