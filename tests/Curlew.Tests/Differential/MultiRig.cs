using System.Runtime.InteropServices;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential;

/// <summary>
/// Some recording handles and one multi, on one engine: the common surface of <see cref="LibCurlMultiRig"/> (real
/// curl_multi_*) and <see cref="CurlewMultiRig"/> (<see cref="CurlMulti"/>), so one scenario drives both. Codes are
/// returned as numbers (CURLMcode, CURLcode).
/// </summary>
public abstract class MultiRig : IDisposable
{
    private bool _disposed;

    public abstract string Engine { get; }

    /// <summary>The handles, made by <see cref="NewHandle"/>; a handle's number is its index here.</summary>
    public List<IDiffEasy> Handles { get; } = [];

    /// <summary>What each step returned, in order.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Makes a recording handle and returns its number.</summary>
    public int NewHandle()
    {
        Handles.Add(Make());
        return Handles.Count - 1;
    }

    protected abstract IDiffEasy Make();
    public abstract int Add(int handle);
    public abstract int Remove(int handle);
    public abstract int SetOpt(CurlMOption option, long value);
    public abstract int Perform(out int running);
    public abstract int Poll(int timeoutMs);

    /// <summary>The next DONE message as (handle number, CURLcode), or null.</summary>
    public abstract (int Handle, int Result)? InfoRead();

    public abstract int Cleanup();

    /// <summary>
    /// Performs and polls until nothing runs (failing after <paramref name="limitSeconds"/>), reading every message;
    /// returns each handle's result by number. Running counts are not compared: they depend on timing.
    /// </summary>
    /// <summary>Performs and polls until <paramref name="handle"/> has received body bytes (the transfer is mid-body).</summary>
    public void RunUntilBody(int handle, int limitSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (Handles[handle].Body.Length == 0)
        {
            if (Perform(out _) != 0 || DateTime.UtcNow > deadline) throw new TimeoutException($"{Engine}: no body bytes for handle {handle}");
            Poll(50);
        }
    }

    public SortedDictionary<int, int> RunAll(int limitSeconds = 30)
    {
        var results = new SortedDictionary<int, int>();
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (true)
        {
            var code = Perform(out int running);
            if (code != 0) throw new InvalidOperationException($"{Engine}: perform returned {code}");
            while (InfoRead() is { } message)
                if (!results.TryAdd(message.Handle, message.Result)) throw new InvalidOperationException($"{Engine}: a second DONE for handle {message.Handle}");
            if (running == 0) return results;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Engine}: {running} transfers still running after {limitSeconds} s");
            Poll(200);
        }
    }

    public void Step(string line)
    {
        Log.Add(line);
        foreach (var h in Handles) h.Mark(line);
    }

    /// <summary>Removes every handle, cleans the multi up (marked first), then cleans the handles up.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int i = 0; i < Handles.Count; i++) Remove(i);
        Step(CleanupStarts);
        Step($"multi cleanup: {Cleanup()}");
        foreach (var h in Handles) h.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The mark set just before the multi's cleanup.</summary>
    public const string CleanupStarts = "handles removed; multi cleanup next";
}

/// <summary>The libcurl side: a native multi and <see cref="LibCurlEasy"/> handles.</summary>
public sealed unsafe class LibCurlMultiRig : MultiRig
{
    private nint _multi;
    private readonly Dictionary<nint, int> _numbers = [];

    public LibCurlMultiRig()
    {
        EnsureInitialized();
        _multi = curl_multi_init();
        if (_multi == 0) throw new InvalidOperationException("curl_multi_init returned NULL");
    }

    public override string Engine => "libcurl";

    protected override IDiffEasy Make()
    {
        var easy = new LibCurlEasy();
        _numbers[easy.Handle] = Handles.Count;
        return easy;
    }

    private nint Native(int handle) => ((LibCurlEasy)Handles[handle]).Handle;

    /// <summary>The native multi, for a second rig's handle tests.</summary>
    public nint Multi => _multi;

    // After the cleanup the native multi is gone: calls say BAD_HANDLE instead of touching freed memory.
    public override int Add(int handle) => _multi == 0 ? (int)CurlMCode.BadHandle : curl_multi_add_handle(_multi, Native(handle));
    public override int Remove(int handle) => _multi == 0 ? (int)CurlMCode.BadHandle : curl_multi_remove_handle(_multi, Native(handle));
    public override int SetOpt(CurlMOption option, long value) => MultiSetOptLong(_multi, (int)option, value);
    public override int Perform(out int running) => curl_multi_perform(_multi, out running);
    public override int Poll(int timeoutMs) => curl_multi_poll(_multi, 0, 0, timeoutMs, out _);

    public override (int Handle, int Result)? InfoRead()
    {
        var msg = curl_multi_info_read(_multi, out _);
        if (msg == 0) return null;
        var kind = *(int*)msg;
        if (kind != 1) throw new InvalidOperationException($"libcurl message of kind {kind}");
        return (_numbers[*(nint*)(msg + 8)], *(int*)(msg + 16));
    }

    public override int Cleanup()
    {
        if (_multi == 0) return (int)CurlMCode.BadHandle;
        var rc = curl_multi_cleanup(_multi);
        _multi = 0;
        return rc;
    }

    /// <summary>curl_multi_strerror as a managed string.</summary>
    public static string StrError(int code) => Marshal.PtrToStringUTF8(curl_multi_strerror(code)) ?? "";
}

/// <summary>The Curlew side: a <see cref="CurlMulti"/> and <see cref="CurlewRecorder"/> handles.</summary>
public sealed class CurlewMultiRig : MultiRig
{
    private readonly CurlMulti _multi = new();

    public override string Engine => "Curlew";

    /// <summary>The multi under test.</summary>
    public CurlMulti Multi => _multi;

    protected override IDiffEasy Make() => new CurlewRecorder();

    private CurlEasy Easy(int handle) => ((CurlewRecorder)Handles[handle]).Easy;

    public override int Add(int handle) => (int)_multi.AddHandle(Easy(handle));
    public override int Remove(int handle) => (int)_multi.RemoveHandle(Easy(handle));
    public override int SetOpt(CurlMOption option, long value) => (int)_multi.SetOpt(option, value);
    public override int Perform(out int running) => (int)_multi.Perform(out running);
    public override int Poll(int timeoutMs) => (int)_multi.Poll(timeoutMs, out _);

    public override (int Handle, int Result)? InfoRead()
    {
        var msg = _multi.InfoRead(out _);
        if (msg is null) return null;
        for (int i = 0; i < Handles.Count; i++)
            if (ReferenceEquals(Easy(i), msg.Easy)) return (i, (int)msg.Result);
        throw new InvalidOperationException("a DONE message for a handle this rig does not know");
    }

    public override int Cleanup() => (int)_multi.Cleanup();
}
