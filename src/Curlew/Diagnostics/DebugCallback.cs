namespace Curlew;

/// <summary>What a <see cref="DebugCallback"/> is told about (libcurl's <c>curl_infotype</c>).</summary>
public enum CurlInfoType
{
    /// <summary>Informational text, as the verbose trace prints after "* ".</summary>
    Text = 0,
    /// <summary>A response header line as received.</summary>
    HeaderIn = 1,
    /// <summary>The request head as sent.</summary>
    HeaderOut = 2,
    /// <summary>Body bytes received (before any content decoding).</summary>
    DataIn = 3,
    /// <summary>Body bytes sent.</summary>
    DataOut = 4,
    /// <summary>TLS bytes received.</summary>
    SslDataIn = 5,
    /// <summary>TLS bytes sent.</summary>
    SslDataOut = 6,
}

/// <summary>
/// libcurl's <c>CURLOPT_DEBUGFUNCTION</c>: receives every trace event of a transfer when <see cref="CurlEasy.Verbose"/>
/// is on. Return 0; the value is otherwise ignored, as libcurl ignores it.
/// </summary>
/// <param name="type">What <paramref name="data"/> is.</param>
/// <param name="data">The bytes, valid only during the call.</param>
/// <param name="userdata">The <see cref="CurlEasy.DebugData"/> object, unchanged.</param>
public delegate int DebugCallback(CurlInfoType type, ReadOnlySpan<byte> data, object? userdata);
