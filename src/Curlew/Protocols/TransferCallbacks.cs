namespace Curlew;

/// <summary>Receives downloaded data (or header lines). Return <c>data.Length</c> to go on; anything else fails with <see cref="CurlCode.WriteError"/>.</summary>
public delegate long WriteCallback(ReadOnlySpan<byte> data, object? userdata);

/// <summary>Fills <paramref name="buffer"/> with upload data. Return the number of bytes filled, 0 at the end, or <see cref="Curl.ReadFuncAbort"/> to abort.</summary>
public delegate long ReadCallback(Span<byte> buffer, object? userdata);

/// <summary>Progress meter callback (libcurl's xferinfo). Return non-zero to abort with <see cref="CurlCode.AbortedByCallback"/>.</summary>
public delegate int XferInfoCallback(object? clientp, long downloadTotal, long downloadNow, long uploadTotal, long uploadNow);
