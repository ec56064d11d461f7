using System.Runtime.InteropServices;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential;

/// <summary>
/// Two recording handles and one share, on one engine: the common surface of <see cref="LibCurlShareRig"/> (real
/// curl_share_*) and <see cref="CurlewShareRig"/> (<see cref="CurlShare"/>), so one scenario drives both. Every step
/// appends a line to <see cref="Log"/> and marks both handles' callback sequences, so the sequences can be compared
/// step by step.
/// </summary>
public abstract class ShareRig : IDisposable
{
    private bool _disposed;

    public abstract string Engine { get; }
    public abstract IDiffEasy A { get; }
    public abstract IDiffEasy B { get; }

    /// <summary>The mark set just before the share's cleanup at the end of a run.</summary>
    public const string CleanupStarts = "both detached; share cleanup next";

    /// <summary>What each step returned, in order.</summary>
    public List<string> Log { get; } = [];

    /// <summary>curl_share_setopt with a number; the CURLSHcode.</summary>
    public abstract int ShareSetOpt(CurlShOption option, long value);

    /// <summary>CURLOPT_SHARE = the share on <paramref name="easy"/>; the CURLcode.</summary>
    public abstract int Attach(IDiffEasy easy);

    /// <summary>CURLOPT_SHARE = NULL on <paramref name="easy"/>; the CURLcode.</summary>
    public abstract int Detach(IDiffEasy easy);

    /// <summary>curl_share_cleanup; the CURLSHcode.</summary>
    public abstract int Cleanup();

    /// <summary>Runs a perform on <paramref name="easy"/> and logs its code and NumConnects under <paramref name="step"/>.</summary>
    public void Perform(IDiffEasy easy, string step)
    {
        var code = easy.Perform();
        Step($"{step}: code {code}, NumConnects {easy.NumConnects}");
    }

    /// <summary>Logs <paramref name="line"/> and marks both handles with it.</summary>
    public void Step(string line)
    {
        Log.Add(line);
        A.Mark(line);
        B.Mark(line);
    }

    /// <summary>
    /// Ends the run the same way on both engines: both handles detached, the share cleaned up (its connections close
    /// through their openers' callbacks, while those handles still live), then the handles cleaned up.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Detach(A);
        Detach(B);
        Step(CleanupStarts);
        Step($"share cleanup: {Cleanup()}");
        A.Dispose();
        B.Dispose();
        A.Mark("handles cleaned up");
        B.Mark("handles cleaned up");
        GC.SuppressFinalize(this);
    }
}

/// <summary>The libcurl side: a native share and two <see cref="LibCurlEasy"/> handles.</summary>
public sealed class LibCurlShareRig : ShareRig
{
    private readonly LibCurlEasy _a = new(), _b = new();
    private nint _share;

    public LibCurlShareRig()
    {
        _share = curl_share_init();
        if (_share == 0) throw new InvalidOperationException("curl_share_init returned NULL");
    }

    public override string Engine => "libcurl";
    public override IDiffEasy A => _a;
    public override IDiffEasy B => _b;

    public override int ShareSetOpt(CurlShOption option, long value) => _share == 0 ? -1 : ShareSetOptLong(_share, (int)option, value);

    public override int Attach(IDiffEasy easy) => ((LibCurlEasy)easy).SetShare(_share);

    public override int Detach(IDiffEasy easy) => ((LibCurlEasy)easy).SetShare(0);

    public override int Cleanup()
    {
        if (_share == 0) return (int)CurlShCode.Invalid;   // libcurl would read freed memory; Curlew says Invalid
        var rc = curl_share_cleanup(_share);
        if (rc == 0) _share = 0;
        return rc;
    }

    /// <summary>curl_share_strerror as a managed string.</summary>
    public static string StrError(int code) => Marshal.PtrToStringUTF8(curl_share_strerror(code)) ?? "";
}

/// <summary>The Curlew side: a <see cref="CurlShare"/> and two <see cref="CurlewRecorder"/> handles.</summary>
public sealed class CurlewShareRig(CurlewMode mode = CurlewMode.Sync) : ShareRig
{
    private readonly CurlewRecorder _a = new(null, mode), _b = new(null, mode);
    private readonly CurlShare _share = new();

    public override string Engine => mode == CurlewMode.Async ? "Curlew PerformAsync" : "Curlew Perform";
    public override IDiffEasy A => _a;
    public override IDiffEasy B => _b;

    /// <summary>The share under test.</summary>
    public CurlShare Share => _share;

    public override int ShareSetOpt(CurlShOption option, long value) => (int)_share.SetOpt(option, value);

    public override int Attach(IDiffEasy easy) => (int)((CurlewRecorder)easy).Easy.SetOpt(CurlOption.Share, _share);

    public override int Detach(IDiffEasy easy) => (int)((CurlewRecorder)easy).Easy.SetOpt(CurlOption.Share, null);

    public override int Cleanup() => (int)_share.Cleanup();
}
