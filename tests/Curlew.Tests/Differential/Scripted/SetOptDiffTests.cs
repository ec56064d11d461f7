using Xunit;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential.Scripted;

/// <summary>SetOpt's verdict on numeric values at and around every boundary, compared with libcurl 7.88.1's curl_easy_setopt.</summary>
public class SetOptDiffTests
{
    private static readonly CurlOption[] NumericOptions =
    [
        CurlOption.Port, CurlOption.MaxRedirs, CurlOption.BufferSize, CurlOption.TimeoutMs, CurlOption.Timeout, CurlOption.ConnectTimeoutMs,
        CurlOption.ConnectTimeout, CurlOption.PostRedir, CurlOption.ResumeFrom, CurlOption.ResumeFromLarge, CurlOption.InFileSize,
        CurlOption.InFileSizeLarge, CurlOption.PostFieldSize, CurlOption.PostFieldSizeLarge, CurlOption.MaxConnects, CurlOption.HttpVersion,
        CurlOption.SslVerifyHost, CurlOption.Expect100TimeoutMs, CurlOption.LowSpeedTime, CurlOption.LowSpeedLimit, CurlOption.MaxFileSize,
        CurlOption.MaxFileSizeLarge, CurlOption.IpResolve, CurlOption.ProxyType, CurlOption.FollowLocation, CurlOption.HttpAuth, CurlOption.Verbose,
        CurlOption.SslVersion, CurlOption.UseSsl, CurlOption.FtpFileMethod, CurlOption.FtpCreateMissingDirs, CurlOption.AcceptTimeoutMs,
        CurlOption.Append, CurlOption.Protocols, CurlOption.RedirProtocols, CurlOption.Filetime, CurlOption.FtpResponseTimeout,
        CurlOption.FtpSkipPasvIp, CurlOption.FtpUseEpsv, CurlOption.FtpUseEprt, CurlOption.DirListOnly, CurlOption.MaxAgeConn,
        CurlOption.MaxLifetimeConn,
    ];

    private static readonly long[] Values =
        [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 29, 30, 31, 32, 100, 512, 1023, 1024, 65535, 65536, 2147483, 2147484, int.MaxValue, 3_000_000_000L, 10 * 1024 * 1024 + 1,
         // CURLOPT_SSLVERSION's maximum lives in bits 16-31: MAX_DEFAULT, MAX_TLSv1_3 | TLSv1_2, MAX_LAST, bits above 31
         0x10000, 0x70006, 0x80000, 0x7FFF0000, 0x1_0007_0000L, uint.MaxValue];

    /// <summary>Options whose verdicts differ on purpose, with the reason.</summary>
    private static readonly Dictionary<CurlOption, string> Deliberate = new()
    {
    };

    [Fact]
    public void SetOpt_accepts_and_refuses_the_same_numeric_values_as_libcurl()
    {
        EnsureInitialized();
        var handle = curl_easy_init();
        var differences = new List<string>();
        int compared = 0;
        try
        {
            using var easy = new CurlEasy();
            foreach (var option in NumericOptions)
            {
                if (Deliberate.ContainsKey(option)) continue;
                foreach (var value in Values)
                {
                    int libcurl = SetOptLong(handle, (int)option, value);
                    int curlew = (int)easy.SetOpt(option, value);
                    compared++;
                    if (libcurl != curlew) differences.Add($"{option} = {value}: libcurl {libcurl}, Curlew {curlew}");
                }
            }
        }
        finally { curl_easy_cleanup(handle); }

        Assert.True(compared > 500, $"only {compared} verdicts compared");
        Assert.True(differences.Count == 0, "SetOpt differs from libcurl 7.88.1:\n  " + string.Join("\n  ", differences));
    }
}
