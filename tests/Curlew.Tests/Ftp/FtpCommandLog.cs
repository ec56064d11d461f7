using System.Text;

namespace Curlew.Tests.Ftp;

/// <summary>The commands Curlew sends on the control connection, as its debug callback sees them (HeaderOut).</summary>
public sealed class FtpCommandLog
{
    private readonly StringBuilder _sent = new();

    /// <summary>Everything sent so far, one command per line.</summary>
    public string Text { get { lock (_sent) return _sent.ToString(); } }

    /// <summary>Sets the debug callback of <paramref name="easy"/> to record into a new log.</summary>
    public static FtpCommandLog Install(CurlEasy easy)
    {
        var log = new FtpCommandLog();
        easy.Verbose = true;   // as in libcurl, the debug callback only hears a verbose handle
        easy.DebugFunction = (type, data, _) =>
        {
            if (type == CurlInfoType.HeaderOut) lock (log._sent) log._sent.Append(Encoding.UTF8.GetString(data));
            return 0;
        };
        return log;
    }
}
