using System.Text;

namespace Curlew.Http;

/// <summary>
/// Reads a Transfer-Encoding header value the way libcurl 7.88 does: "chunked" anywhere in any Transfer-Encoding header
/// means chunked framing; every other named coding is stacked (at most <see cref="HttpResponseHead.MaxCodings"/>); a
/// Transfer-Encoding that leaves the body unchunked makes Content-Length untrusted, so only the close ends the body.
/// </summary>
internal static class TransferCodings
{
    public static void Parse(ReadOnlySpan<byte> value, HttpResponseHead head)
    {
        foreach (var range in value.Split((byte)','))
        {
            var name = value[range].Trim(" \t"u8);
            if (name.IsEmpty) continue;
            if (Ascii.EqualsIgnoreCase(name, "chunked"u8))
            {
                head.Chunked = true;
                continue;
            }
            // The cap guards against a decoder stack built by the server (libcurl's fix for CVE-2023-23916).
            if (++head.Codings > HttpResponseHead.MaxCodings)
                throw new CurlException(CurlCode.BadContentEncoding, $"Reject response due to more than {HttpResponseHead.MaxCodings} content encodings");
            // Curlew has no decoders: identity is a no-op, anything else (gzip included) fails when body data arrives,
            // which is where libcurl fails for codings it does not know.
            if (!Ascii.EqualsIgnoreCase(name, "identity"u8) && !Ascii.EqualsIgnoreCase(name, "none"u8))
                head.UndecodableCoding ??= Encoding.Latin1.GetString(name);
        }
        if (!head.Chunked) head.CodedWithoutChunks = true;
    }
}
