using System.Text;

namespace Curlew.Tests.Support;

/// <summary>Collects what a transfer delivers through the public write and header callbacks.</summary>
public sealed class TransferCapture
{
    private readonly object _gate = new();
    private readonly MemoryStream _body = new();
    private readonly List<string> _headerLines = [];
    private int _writeCalls;

    /// <summary>Sets <see cref="CurlEasy.WriteFunction"/> and <see cref="CurlEasy.HeaderFunction"/> to this capture.</summary>
    public TransferCapture Install(CurlEasy easy)
    {
        easy.WriteFunction = (data, _) =>
        {
            lock (_gate)
            {
                _body.Write(data);
                _writeCalls++;
            }
            return data.Length;
        };
        easy.HeaderFunction = (data, _) =>
        {
            lock (_gate) _headerLines.Add(Encoding.Latin1.GetString(data));
            return data.Length;
        };
        return this;
    }

    /// <summary>The body bytes received so far.</summary>
    public byte[] Body { get { lock (_gate) return _body.ToArray(); } }

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>How often the write callback ran.</summary>
    public int WriteCalls { get { lock (_gate) return _writeCalls; } }

    /// <summary>Every header callback call, one line each, with its CRLF.</summary>
    public IReadOnlyList<string> HeaderLines { get { lock (_gate) return [.. _headerLines]; } }

    /// <summary>The value of the last header named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        string? value = null;
        foreach (var line in HeaderLines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                value = line[(colon + 1)..].Trim();
        }
        return value;
    }

    /// <summary>Forgets everything captured (between two performs on one handle).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _body.SetLength(0);
            _headerLines.Clear();
            _writeCalls = 0;
        }
    }
}
