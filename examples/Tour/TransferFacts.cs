using System.Text;

namespace Curlew.Tour;

/// <summary>Small conveniences for reading what <see cref="CurlEasy.GetInfo"/> reports and what the write callback got.</summary>
internal static class TransferFacts
{
    /// <summary>A <c>long</c> info value, or -1 when the handle has none.</summary>
    public static long Long(this CurlEasy easy, CurlInfo info) => easy.GetInfo(info) is long value ? value : -1;

    /// <summary>A <c>string</c> info value, or "" when the handle has none.</summary>
    public static string Text(this CurlEasy easy, CurlInfo info) => easy.GetInfo(info) as string ?? "";

    /// <summary>A write callback that appends the body to <paramref name="body"/> (bodies here are short UTF-8 text).</summary>
    public static WriteCallback CollectInto(StringBuilder body) => (data, _) =>
    {
        body.Append(Encoding.UTF8.GetString(data));
        return data.Length;   // anything else would tell Curlew to fail with WriteError
    };
}
