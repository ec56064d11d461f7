using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Curlew.Tests.Support;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential;

/// <summary>One perform in a handle's life: the options set before it, after a Reset when <paramref name="ResetFirst"/>.</summary>
public sealed record SessionStep((CurlOption Option, object? Value)[] Options, bool ResetFirst = false);

/// <summary>
/// What one handle's life looked like from the application: each perform's code, the body and header-callback lines
/// of all of them, the last ResponseCode, the last APPCONNECT, PRETRANSFER and TOTAL times (µs) and how often the
/// progress callback ran.
/// </summary>
public sealed record SessionOutcome(int[] Codes, byte[] Body, List<string> Headers, long ResponseCode, long AppConnectUs, long PreTransferUs,
    long TotalUs, int ProgressCalls)
{
    /// <summary>Everything, for the test output.</summary>
    public override string ToString() =>
        $"codes=[{string.Join(",", Codes)}] rc={ResponseCode} app={AppConnectUs} pre={PreTransferUs} total={TotalUs} progress={ProgressCalls}\n" +
        $"  body({Body.Length})={Encoding.Latin1.GetString(Body.Length > 200 ? Body[..200] : Body).Replace("\r", "\\r").Replace("\n", "\\n")}\n" +
        $"  headers=[{string.Join(" | ", Headers.Select(h => h.TrimEnd('\r', '\n')))}]";
}

/// <summary>
/// Runs the same handle life (several performs, Resets, then cleanup) on libcurl 7.88.1 and on Curlew, each with a
/// write and a header callback and, when asked, a progress callback that answers what <c>progress</c> says (given
/// the milliseconds since the first call). Cleanup is part of the run: what a handle does when it goes away (FTP's
/// QUIT) happens before the outcome returns.
/// </summary>
public static unsafe class FtpSessionRun
{
    private const int XferInfoFunction = 20219, XferInfoData = 10057, NoProgress = 43;

    private sealed class Ctx
    {
        public readonly MemoryStream Body = new();
        public readonly List<string> Headers = [];
        public Func<long, bool>? Abort;
        public long FirstCall;
        public int Calls;
    }

    public static SessionOutcome LibCurl(IReadOnlyList<SessionStep> steps, Func<long, bool>? abortAfter = null)
    {
        EnsureInitialized();
        var h = curl_easy_init();
        var ctx = new Ctx { Abort = abortAfter };
        var gch = GCHandle.Alloc(ctx);
        var lists = new List<nint>();
        var codes = new List<int>();
        long rc = 0, app = 0, pre = 0, total = 0;
        try
        {
            foreach (var step in steps)
            {
                if (step.ResetFirst) curl_easy_reset(h);
                Callbacks(h, GCHandle.ToIntPtr(gch), abortAfter is not null);
                foreach (var (opt, val) in step.Options)
                {
                    int o = (int)opt;
                    int set = val switch
                    {
                        string s => SetOptString(h, o, s),
                        string[] l => SetOptPtr(h, o, List(l, lists)),
                        bool b => SetOptLong(h, o, b ? 1 : 0),
                        int i => SetOptLong(h, o, i),
                        long l => SetOptLong(h, o, l),
                        _ => throw new InvalidOperationException($"value {val} for {opt}"),
                    };
                    if (set != 0) throw new InvalidOperationException($"libcurl refused {opt}={val}: {set}");
                }
                codes.Add(curl_easy_perform(h));
                GetInfoLong(h, (int)CurlInfo.ResponseCode, out rc);
                GetInfoLong(h, (int)CurlInfo.AppConnectTimeT, out app);
                GetInfoLong(h, (int)CurlInfo.PreTransferTimeT, out pre);
                GetInfoLong(h, (int)CurlInfo.TotalTimeT, out total);
            }
        }
        finally
        {
            curl_easy_cleanup(h);
            foreach (var l in lists) curl_slist_free_all(l);
            gch.Free();
        }
        return new SessionOutcome([.. codes], ctx.Body.ToArray(), ctx.Headers, rc, app, pre, total, ctx.Calls);
    }

    public static SessionOutcome Curlew(IReadOnlyList<SessionStep> steps, CallbackLedger? ledger = null, Func<long, bool>? abortAfter = null,
        bool async = false)
    {
        var ctx = new Ctx { Abort = abortAfter };
        var codes = new List<int>();
        long rc = 0, app = 0, pre = 0, total = 0;
        using (var easy = new CurlEasy())
        {
            foreach (var step in steps)
            {
                if (step.ResetFirst) easy.Reset();
                easy.WriteFunction = (d, _) => { ctx.Body.Write(d); return d.Length; };
                easy.HeaderFunction = (d, _) => { ctx.Headers.Add(Encoding.Latin1.GetString(d)); return d.Length; };
                easy.TimeoutMs = 15_000;   // generous: a first TLS handshake on a loaded machine can take seconds
                ledger?.Install(easy);
                if (abortAfter is not null)
                {
                    easy.NoProgress = false;
                    easy.XferInfoFunction = (_, _, _, _, _) => Progress(ctx);
                }
                foreach (var (opt, val) in step.Options)
                {
                    var set = easy.SetOpt(opt, val);
                    if (set != CurlCode.Ok) throw new InvalidOperationException($"Curlew refused {opt}={val}: {set}");
                }
                var run = async ? Task.Run(() => easy.PerformAsync()) : Task.Run(easy.Perform);
                if (!run.Wait(TimeSpan.FromSeconds(45))) throw new TimeoutException("Curlew's perform hung");
                codes.Add((int)run.Result);
                rc = easy.GetInfoLong(CurlInfo.ResponseCode);
                app = (long)easy.GetInfo(CurlInfo.AppConnectTimeT)!;
                pre = (long)easy.GetInfo(CurlInfo.PreTransferTimeT)!;
                total = (long)easy.GetInfo(CurlInfo.TotalTimeT)!;
            }
        }
        return new SessionOutcome([.. codes], ctx.Body.ToArray(), ctx.Headers, rc, app, pre, total, ctx.Calls);
    }

    private static int Progress(Ctx ctx)
    {
        long now = Environment.TickCount64;
        if (ctx.Calls++ == 0) ctx.FirstCall = now;
        return ctx.Abort!(now - ctx.FirstCall) ? 1 : 0;
    }

    private static void Callbacks(nint h, nint me, bool progress)
    {
        SetOptLong(h, CURLOPT_NOSIGNAL, 1);
        SetOptPtr(h, CURLOPT_WRITEFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnWrite);
        SetOptPtr(h, CURLOPT_WRITEDATA, me);
        SetOptPtr(h, CURLOPT_HEADERFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnHeader);
        SetOptPtr(h, CURLOPT_HEADERDATA, me);
        SetOptLong(h, CURLOPT_TIMEOUT_MS, 15_000);
        if (!progress) return;
        SetOptLong(h, NoProgress, 0);
        SetOptPtr(h, XferInfoFunction, (nint)(delegate* unmanaged[Cdecl]<nint, long, long, long, long, int>)&OnXferInfo);
        SetOptPtr(h, XferInfoData, me);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnWrite(byte* data, nuint size, nuint count, nint ud)
    {
        ((Ctx)GCHandle.FromIntPtr(ud).Target!).Body.Write(new ReadOnlySpan<byte>(data, (int)(size * count)));
        return size * count;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnHeader(byte* data, nuint size, nuint count, nint ud)
    {
        ((Ctx)GCHandle.FromIntPtr(ud).Target!).Headers.Add(Encoding.Latin1.GetString(data, (int)(size * count)));
        return size * count;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnXferInfo(nint ud, long dltotal, long dlnow, long ultotal, long ulnow) => Progress((Ctx)GCHandle.FromIntPtr(ud).Target!);

    private static nint List(string[] items, List<nint> lists)
    {
        nint list = 0;
        foreach (var s in items) list = curl_slist_append(list, s);
        lists.Add(list);
        return list;
    }
}
