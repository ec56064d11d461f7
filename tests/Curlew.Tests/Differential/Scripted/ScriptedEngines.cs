using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Curlew.Tests.Differential;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential.Scripted;

/// <summary>Read script: given call index and buffer length, what to put in the buffer and what to return.</summary>
public delegate (byte[] Fill, long Return) ReadScript(int call, int bufferLength);

public sealed record ScriptedResult(int Code, string? Error, byte[] Body, List<string> Headers, Dictionary<string, object?> Info, List<string> Reads)
{
    /// <summary>Everything, for the test output.</summary>
    public string Describe() => $"  code={Code} err={Error}\n" + Details(Info);

    /// <summary>Everything that must match libcurl: the error text is left out (worded by each engine), and so is
    /// NumConnects (libcurl may reuse a connection the server already closed and count the retry).</summary>
    public string Comparable() => $"  code={Code}\n" + Details(Info.Where(kv => kv.Key != nameof(CurlInfo.NumConnects)));

    private string Details(IEnumerable<KeyValuePair<string, object?>> info)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"  body({Body.Length})={Esc(Body)}");
        sb.AppendLine($"  headers=[{string.Join(" | ", Headers.Select(h => h.TrimEnd('\r', '\n')))}]");
        sb.AppendLine($"  info: {string.Join(", ", info.Select(kv => $"{kv.Key}={kv.Value ?? "null"}"))}");
        if (Reads.Count > 0) sb.AppendLine($"  reads: {string.Join(",", Reads)}");
        return sb.ToString();
    }

    public static string Esc(byte[] b)
    {
        var s = Encoding.Latin1.GetString(b.Length > 300 ? b[..300] : b);
        return s.Replace("\r", "\\r").Replace("\n", "\\n");
    }
}

public static unsafe class ScriptedEngines
{
    public static readonly CurlInfo[] Infos =
    [
        CurlInfo.ResponseCode, CurlInfo.EffectiveUrl, CurlInfo.RedirectUrl, CurlInfo.RedirectCount, CurlInfo.ContentType,
        CurlInfo.SizeDownloadT, CurlInfo.SizeUploadT, CurlInfo.ContentLengthDownloadT, CurlInfo.HeaderSize, CurlInfo.RequestSize,
        CurlInfo.HttpVersion, CurlInfo.NumConnects, CurlInfo.EffectiveMethod, CurlInfo.PrimaryPort, CurlInfo.SslVerifyResult,
    ];

    public static ScriptedResult RunCurlew(IReadOnlyList<(CurlOption, object?)> options, ReadScript? read = null, int performs = 1)
    {
        using var easy = new CurlEasy();
        var body = new MemoryStream();
        var headers = new List<string>();
        var reads = new List<string>();
        easy.WriteFunction = (d, _) => { body.Write(d); return d.Length; };
        easy.HeaderFunction = (d, _) => { headers.Add(Encoding.Latin1.GetString(d)); return d.Length; };
        easy.TimeoutMs = 15_000;   // a backstop only (no case waits for it): the first TLS handshake in a loaded test process took over 6 s once
        if (read is not null)
        {
            int call = 0;
            easy.ReadFunction = (buf, _) =>
            {
                var (fill, ret) = read(call++, buf.Length);
                reads.Add($"{buf.Length}->{ret}");
                fill.AsSpan(0, Math.Min(fill.Length, buf.Length)).CopyTo(buf);
                return ret;
            };
        }
        foreach (var (opt, val) in options)
        {
            var rc = easy.SetOpt(opt, val);
            if (rc != CurlCode.Ok) headers.Add($"[setopt {opt} -> {rc}]");
        }
        CurlCode code = CurlCode.Ok;
        for (int i = 0; i < performs; i++)
        {
            var t = Task.Run(easy.Perform);
            if (!t.Wait(TimeSpan.FromSeconds(20))) return new ScriptedResult(-999, "HANG", body.ToArray(), headers, [], reads);
            code = t.Result;
        }
        var info = new Dictionary<string, object?>();
        foreach (var i in Infos) info[i.ToString()] = easy.GetInfo(i);
        return new ScriptedResult((int)code, easy.ErrorMessage, body.ToArray(), headers, info, reads);
    }

    private sealed class Ctx
    {
        public MemoryStream Body = new();
        public List<string> Headers = [];
        public List<string> Reads = [];
        public ReadScript? Read;
        public int Call;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnWrite(byte* data, nuint size, nuint count, nint ud)
    {
        var c = (Ctx)GCHandle.FromIntPtr(ud).Target!;
        c.Body.Write(new ReadOnlySpan<byte>(data, (int)(size * count)));
        return size * count;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnHeader(byte* data, nuint size, nuint count, nint ud)
    {
        var c = (Ctx)GCHandle.FromIntPtr(ud).Target!;
        c.Headers.Add(Encoding.Latin1.GetString(data, (int)(size * count)));
        return size * count;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnRead(byte* buffer, nuint size, nuint count, nint ud)
    {
        var c = (Ctx)GCHandle.FromIntPtr(ud).Target!;
        int len = (int)(size * count);
        var (fill, ret) = c.Read!(c.Call++, len);
        c.Reads.Add($"{len}->{ret}");
        fill.AsSpan(0, Math.Min(fill.Length, len)).CopyTo(new Span<byte>(buffer, len));
        return (nuint)ret;
    }

    public static ScriptedResult RunLibCurl(IReadOnlyList<(CurlOption, object?)> options, ReadScript? read = null, int performs = 1)
    {
        EnsureInitialized();
        var h = curl_easy_init();
        var ctx = new Ctx { Read = read };
        var gch = GCHandle.Alloc(ctx);
        var me = GCHandle.ToIntPtr(gch);
        var err = (byte*)NativeMemory.AllocZeroed(256);
        var frees = new List<nint>();
        var lists = new List<nint>();
        try
        {
            SetOptPtr(h, CURLOPT_ERRORBUFFER, (nint)err);
            SetOptLong(h, CURLOPT_NOSIGNAL, 1);
            SetOptPtr(h, CURLOPT_WRITEFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnWrite);
            SetOptPtr(h, CURLOPT_WRITEDATA, me);
            SetOptPtr(h, CURLOPT_HEADERFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnHeader);
            SetOptPtr(h, CURLOPT_HEADERDATA, me);
            SetOptLong(h, CURLOPT_TIMEOUT_MS, 15_000);
            if (read is not null)
            {
                SetOptPtr(h, CURLOPT_READFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnRead);
                SetOptPtr(h, CURLOPT_READDATA, me);
            }
            foreach (var (opt, val) in options)
            {
                int o = (int)opt;
                int rc = val switch
                {
                    null => SetOptPtr(h, o, 0),
                    string ps when opt == CurlOption.PostFields => SetOptPtr(h, o, Alloc(Encoding.UTF8.GetBytes(ps), frees)),
                    string s when o >= 10000 && o < 20000 => SetOptString(h, o, s),
                    string[] l => SetOptPtr(h, o, MakeList(l, lists)),
                    byte[] b => SetOptPtr(h, o, Alloc(b, frees)),
                    bool bo => SetOptLong(h, o, bo ? 1 : 0),
                    int i => SetOptLong(h, o, i),
                    long l => SetOptLong(h, o, l),
                    _ => throw new InvalidOperationException($"value {val} for {opt}"),
                };
                if (rc != 0) ctx.Headers.Add($"[setopt {opt} -> {rc}]");
            }
            int code = 0;
            for (int i = 0; i < performs; i++)
            {
                err[0] = 0;
                code = curl_easy_perform(h);
            }
            var info = new Dictionary<string, object?>();
            foreach (var i in Infos)
            {
                int n = (int)i;
                int type = n & 0xF00000;
                if (type == InfoString)
                {
                    GetInfoPtr(h, n, out var p);
                    info[i.ToString()] = p == 0 ? null : Marshal.PtrToStringUTF8(p);
                }
                else
                {
                    GetInfoLong(h, n, out var v);
                    info[i.ToString()] = v;
                }
            }
            var e = Marshal.PtrToStringUTF8((nint)err);
            return new ScriptedResult(code, code == 0 ? null : e, ctx.Body.ToArray(), ctx.Headers, info, ctx.Reads);
        }
        finally
        {
            curl_easy_cleanup(h);
            foreach (var l in lists) curl_slist_free_all(l);
            foreach (var f in frees) NativeMemory.Free((void*)f);
            NativeMemory.Free(err);
            gch.Free();
        }
    }

    private static nint Alloc(byte[] b, List<nint> frees)
    {
        var p = (byte*)NativeMemory.AllocZeroed((nuint)b.Length + 1);
        b.CopyTo(new Span<byte>(p, b.Length));
        frees.Add((nint)p);
        return (nint)p;
    }

    private static nint MakeList(string[] items, List<nint> lists)
    {
        nint list = 0;
        foreach (var s in items) list = curl_slist_append(list, s);
        lists.Add(list);
        return list;
    }
}
