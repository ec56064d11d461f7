using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Curlew.Bench;

/// <summary>
/// The system libcurl (<c>libcurl.so.4</c>) as a peer of the end-to-end runner, through the few easy-interface calls it
/// needs: a benchmark-only comparison, never part of Curlew. <c>curl_easy_setopt</c> is variadic; on x86-64 System V one
/// integer or pointer argument passes exactly like a fixed one, so the typed declarations are safe there.
/// </summary>
internal static unsafe partial class LibCurlPeer
{
    private const string Lib = "libcurl.so.4";
    private const int CURLOPT_URL = 10002, CURLOPT_CAINFO = 10065, CURLOPT_WRITEFUNCTION = 20011;

    [LibraryImport(Lib)] private static partial nint curl_easy_init();
    [LibraryImport(Lib)] private static partial int curl_easy_setopt(nint handle, int option, nint value);
    [LibraryImport(Lib)] private static partial int curl_easy_perform(nint handle);
    [LibraryImport(Lib)] private static partial void curl_easy_cleanup(nint handle);

    private static long s_received;   // the runner is single-threaded: one transfer at a time

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint Write(byte* data, nuint size, nuint count, nint user)
    {
        s_received += (long)(size * count);
        return size * count;
    }

    /// <summary>True when the library loads here; the runner leaves the peer out otherwise.</summary>
    public static bool Available => NativeLibrary.TryLoad(Lib, out _);

    /// <summary>One download on a new handle (a new connection): the bytes received.</summary>
    public static long Download(string url, string? caFile)
    {
        nint easy = Open(url, caFile);
        try
        {
            s_received = 0;
            int rc = curl_easy_perform(easy);
            return rc == 0 ? s_received : throw new InvalidOperationException($"libcurl: CURLcode {rc}");
        }
        finally { curl_easy_cleanup(easy); }
    }

    /// <summary><paramref name="count"/> GETs on one handle (one keep-alive connection): how many succeeded.</summary>
    public static int Many(string url, int count, string? caFile)
    {
        nint easy = Open(url, caFile);
        try
        {
            int ok = 0;
            for (int i = 0; i < count; i++) if (curl_easy_perform(easy) == 0) ok++;
            return ok;
        }
        finally { curl_easy_cleanup(easy); }
    }

    private static nint Open(string url, string? caFile)
    {
        nint easy = curl_easy_init();
        if (easy == 0) throw new InvalidOperationException("curl_easy_init failed");
        SetString(easy, CURLOPT_URL, url);   // libcurl copies strings it is given
        if (caFile is not null) SetString(easy, CURLOPT_CAINFO, caFile);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&Write);
        return easy;
    }

    private static void SetString(nint easy, int option, string value)
    {
        nint text = Marshal.StringToCoTaskMemUTF8(value);
        try { curl_easy_setopt(easy, option, text); }
        finally { Marshal.FreeCoTaskMem(text); }
    }
}
