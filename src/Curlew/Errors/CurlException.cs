namespace Curlew;

/// <summary>Internal failure carrier: thrown inside the engine, turned into a <see cref="CurlCode"/> and message at <see cref="CurlEasy.Perform"/>.</summary>
internal sealed class CurlException(CurlCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public CurlCode Code { get; } = code;

    /// <summary>The OS error behind the failure, for CURLINFO_OS_ERRNO (0 when none).</summary>
    public int OsErrno { get; init; }

    /// <summary>The exception a user callback threw, when that is why the transfer stopped.</summary>
    public Exception? CallbackException { get; private init; }

    /// <summary>A user callback threw: the transfer ends with <see cref="CurlCode.AbortedByCallback"/>.</summary>
    public static CurlException FromCallback(string which, Exception thrown) =>
        thrown is CurlException own ? own : new(CurlCode.AbortedByCallback, $"The {which} callback threw {thrown.GetType().Name}: {thrown.Message}", thrown) { CallbackException = thrown };

    /// <summary>A user <see cref="Stream"/> (WriteData, ReadData) threw: <paramref name="code"/> (WriteError or ReadError), whatever it threw.</summary>
    public static CurlException FromStream(CurlCode code, string message, Exception thrown) =>
        thrown is CurlException own ? own : new(code, $"{message}: {thrown.GetType().Name}: {thrown.Message}", thrown) { CallbackException = thrown };
}
