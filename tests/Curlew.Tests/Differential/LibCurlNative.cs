using System.Runtime.InteropServices;

namespace Curlew.Tests.Differential;

/// <summary>
/// P/Invoke declarations for the system libcurl (<c>libcurl.so.4</c>, 7.88.1 OpenSSL flavour) and the few libc socket
/// calls the differential callbacks need. Test-only: Curlew itself never touches native code.
/// <c>curl_easy_setopt</c> is variadic; on x86-64 System V a variadic call with one integer/pointer argument passes it
/// exactly like a fixed one, so typed overloads are safe there.
/// </summary>
internal static unsafe partial class LibCurlNative
{
    private const string Lib = "libcurl.so.4";
    private const string LibC = "libc";

    // Option type bases (curl.h: CURLOPTTYPE_*)
    public const int OptLong = 0, OptObject = 10000, OptFunction = 20000, OptOffT = 30000;

    // Options (curl.h numbers; checked against CURLOPT(name, type, number) in 7.88.1)
    public const int CURLOPT_WRITEDATA = OptObject + 1;
    public const int CURLOPT_URL = OptObject + 2;
    public const int CURLOPT_USERPWD = OptObject + 5;
    public const int CURLOPT_RANGE = OptObject + 7;
    public const int CURLOPT_READDATA = OptObject + 9;
    public const int CURLOPT_ERRORBUFFER = OptObject + 10;
    public const int CURLOPT_WRITEFUNCTION = OptFunction + 11;
    public const int CURLOPT_READFUNCTION = OptFunction + 12;
    public const int CURLOPT_TIMEOUT_MS = OptLong + 155;
    public const int CURLOPT_CONNECTTIMEOUT_MS = OptLong + 156;
    public const int CURLOPT_POSTFIELDS = OptObject + 15;
    public const int CURLOPT_HTTPHEADER = OptObject + 23;
    public const int CURLOPT_HEADERDATA = OptObject + 29;
    public const int CURLOPT_CUSTOMREQUEST = OptObject + 36;
    public const int CURLOPT_VERBOSE = OptLong + 41;
    public const int CURLOPT_NOPROGRESS = OptLong + 43;
    public const int CURLOPT_NOBODY = OptLong + 44;
    public const int CURLOPT_FAILONERROR = OptLong + 45;
    public const int CURLOPT_UPLOAD = OptLong + 46;
    public const int CURLOPT_POST = OptLong + 47;
    public const int CURLOPT_FOLLOWLOCATION = OptLong + 52;
    public const int CURLOPT_XFERINFODATA = OptObject + 57;
    public const int CURLOPT_MAXREDIRS = OptLong + 68;
    public const int CURLOPT_MAXCONNECTS = OptLong + 71;
    public const int CURLOPT_FRESH_CONNECT = OptLong + 74;
    public const int CURLOPT_FORBID_REUSE = OptLong + 75;
    public const int CURLOPT_HEADERFUNCTION = OptFunction + 79;
    public const int CURLOPT_NOSIGNAL = OptLong + 99;
    public const int CURLOPT_INFILESIZE_LARGE = OptOffT + 115;
    public const int CURLOPT_RESUME_FROM_LARGE = OptOffT + 116;
    public const int CURLOPT_POSTFIELDSIZE_LARGE = OptOffT + 120;
    public const int CURLOPT_SOCKOPTFUNCTION = OptFunction + 148;
    public const int CURLOPT_SOCKOPTDATA = OptObject + 149;
    public const int CURLOPT_OPENSOCKETFUNCTION = OptFunction + 163;
    public const int CURLOPT_OPENSOCKETDATA = OptObject + 164;
    public const int CURLOPT_RESOLVE = OptObject + 203;
    public const int CURLOPT_CLOSESOCKETFUNCTION = OptFunction + 208;
    public const int CURLOPT_CLOSESOCKETDATA = OptObject + 209;
    public const int CURLOPT_XFERINFOFUNCTION = OptFunction + 219;
    public const int CURLOPT_CONNECT_TO = OptObject + 243;
    public const int CURLOPT_UNIX_SOCKET_PATH = OptObject + 231;
    public const int CURLOPT_FTPPORT = OptObject + 17;
    public const int CURLOPT_QUOTE = OptObject + 28;
    public const int CURLOPT_POSTQUOTE = OptObject + 39;
    public const int CURLOPT_DIRLISTONLY = OptLong + 48;
    public const int CURLOPT_APPEND = OptLong + 50;
    public const int CURLOPT_FILETIME = OptLong + 69;
    public const int CURLOPT_FTP_USE_EPSV = OptLong + 85;
    public const int CURLOPT_FTP_USE_EPRT = OptLong + 106;
    public const int CURLOPT_FTP_CREATE_MISSING_DIRS = OptLong + 110;
    public const int CURLOPT_FTP_FILEMETHOD = OptLong + 138;
    public const int CURLOPT_SHARE = OptObject + 100;
    public const int CURLOPT_MAXAGE_CONN = OptLong + 288;
    public const int CURLOPT_MAXLIFETIME_CONN = OptLong + 314;

    // Info type bases (curl.h: CURLINFO_STRING etc.)
    public const int InfoString = 0x100000, InfoLong = 0x200000, InfoDouble = 0x300000, InfoOffT = 0x600000;
    public const int CURLINFO_EFFECTIVE_URL = InfoString + 1;
    public const int CURLINFO_RESPONSE_CODE = InfoLong + 2;
    public const int CURLINFO_CONTENT_TYPE = InfoString + 18;
    public const int CURLINFO_REDIRECT_COUNT = InfoLong + 20;
    public const int CURLINFO_NUM_CONNECTS = InfoLong + 26;
    public const int CURLINFO_PRIMARY_IP = InfoString + 32;
    public const int CURLINFO_PRIMARY_PORT = InfoLong + 40;
    public const int CURLINFO_SIZE_DOWNLOAD_T = InfoOffT + 8;
    public const int CURLINFO_EFFECTIVE_METHOD = InfoString + 58;

    public const int CURL_GLOBAL_ALL = 3;
    public const int CURL_ERROR_SIZE = 256;
    public const int CURL_SOCKET_BAD = -1;
    public const nuint CURL_READFUNC_ABORT = 0x10000000;

    // Linux socket constants
    public const int AF_INET = 2, AF_INET6 = 10, AF_UNIX = 1;
    public const int SOCK_CLOEXEC = 0x80000, SOCK_NONBLOCK = 0x800;

    [LibraryImport(Lib)] public static partial int curl_global_init(long flags);
    [LibraryImport(Lib)] public static partial nint curl_easy_init();
    [LibraryImport(Lib)] public static partial void curl_easy_cleanup(nint handle);
    [LibraryImport(Lib)] public static partial int curl_easy_perform(nint handle);
    [LibraryImport(Lib)] public static partial void curl_easy_reset(nint handle);
    [LibraryImport(Lib)] public static partial nint curl_easy_strerror(int code);
    [LibraryImport(Lib)] public static partial nint curl_version();

    [LibraryImport(Lib, EntryPoint = "curl_easy_setopt")] public static partial int SetOptLong(nint handle, int option, long value);
    [LibraryImport(Lib, EntryPoint = "curl_easy_setopt")] public static partial int SetOptPtr(nint handle, int option, nint value);
    [LibraryImport(Lib, EntryPoint = "curl_easy_setopt", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetOptString(nint handle, int option, string? value);

    [LibraryImport(Lib, EntryPoint = "curl_easy_getinfo")] public static partial int GetInfoLong(nint handle, int info, out long value);
    [LibraryImport(Lib, EntryPoint = "curl_easy_getinfo")] public static partial int GetInfoPtr(nint handle, int info, out nint value);

    [LibraryImport(Lib)] public static partial nint curl_share_init();
    [LibraryImport(Lib)] public static partial int curl_share_cleanup(nint share);
    [LibraryImport(Lib)] public static partial nint curl_share_strerror(int code);
    // curl_share_setopt is variadic: one integer or pointer argument travels like a fixed one on x86-64 System V.
    [LibraryImport(Lib, EntryPoint = "curl_share_setopt")] public static partial int ShareSetOptLong(nint share, int option, long value);
    [LibraryImport(Lib, EntryPoint = "curl_share_setopt")] public static partial int ShareSetOptPtr(nint share, int option, nint value);

    [LibraryImport(Lib)] public static partial nint curl_multi_init();
    [LibraryImport(Lib)] public static partial int curl_multi_cleanup(nint multi);
    [LibraryImport(Lib)] public static partial int curl_multi_add_handle(nint multi, nint easy);
    [LibraryImport(Lib)] public static partial int curl_multi_remove_handle(nint multi, nint easy);
    [LibraryImport(Lib)] public static partial int curl_multi_perform(nint multi, out int runningHandles);
    [LibraryImport(Lib)] public static partial int curl_multi_poll(nint multi, nint extraFds, uint extraNfds, int timeoutMs, out int numfds);
    [LibraryImport(Lib)] public static partial int curl_multi_wait(nint multi, nint extraFds, uint extraNfds, int timeoutMs, out int numfds);
    [LibraryImport(Lib)] public static partial int curl_multi_wakeup(nint multi);
    /// <summary>Returns a CURLMsg*: { int msg; (pad) CURL* easy_handle at 8; CURLcode result at 16 }, or 0.</summary>
    [LibraryImport(Lib)] public static partial nint curl_multi_info_read(nint multi, out int msgsInQueue);
    [LibraryImport(Lib)] public static partial nint curl_multi_strerror(int code);
    // curl_multi_setopt is variadic: one long travels like a fixed argument on x86-64 System V.
    [LibraryImport(Lib, EntryPoint = "curl_multi_setopt")] public static partial int MultiSetOptLong(nint multi, int option, long value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial nint curl_slist_append(nint list, string value);
    [LibraryImport(Lib)] public static partial void curl_slist_free_all(nint list);

    [LibraryImport(LibC, EntryPoint = "socket", SetLastError = true)] public static partial int socket(int domain, int type, int protocol);
    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)] public static partial int close(int fd);
    [LibraryImport(LibC, EntryPoint = "connect", SetLastError = true)] public static partial int connect(int fd, byte* addr, uint addrlen);

    private static readonly Lazy<int> GlobalInit = new(() => curl_global_init(CURL_GLOBAL_ALL));

    /// <summary>Loads libcurl and runs <c>curl_global_init</c> once; throws (loudly) when the library is missing or init fails.</summary>
    public static void EnsureInitialized()
    {
        int rc;
        try
        {
            rc = GlobalInit.Value;
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException(
                "libcurl.so.4 could not be loaded: the differential tests need the system libcurl (apt-get install libcurl4)", ex);
        }
        if (rc != 0) throw new InvalidOperationException($"curl_global_init failed with {rc}");
    }

    /// <summary>curl_version() as a managed string.</summary>
    public static string Version
    {
        get
        {
            EnsureInitialized();
            return Marshal.PtrToStringUTF8(curl_version()) ?? "?";
        }
    }

    /// <summary>curl_easy_strerror as a managed string.</summary>
    public static string StrError(int code) => Marshal.PtrToStringUTF8(curl_easy_strerror(code)) ?? "";
}
