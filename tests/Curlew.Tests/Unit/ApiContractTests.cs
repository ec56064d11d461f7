using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>
/// ../shared/API.md, name for name: this file only compiles while every name the contract lists exists with its
/// shape, and the numbers that mirror libcurl equal libcurl's.
/// </summary>
public class ApiContractTests
{
    [Fact]
    public void Every_CurlCode_in_the_contract_has_libcurls_number()
    {
        var expected = new Dictionary<CurlCode, int>
        {
            [CurlCode.Ok] = 0, [CurlCode.UnsupportedProtocol] = 1, [CurlCode.UrlMalformat] = 3, [CurlCode.CouldntResolveProxy] = 5,
            [CurlCode.CouldntResolveHost] = 6, [CurlCode.CouldntConnect] = 7, [CurlCode.WeirdServerReply] = 8, [CurlCode.RemoteAccessDenied] = 9,
            [CurlCode.FtpAcceptFailed] = 10, [CurlCode.FtpAcceptTimeout] = 12, [CurlCode.FtpWeirdPasvReply] = 13, [CurlCode.PartialFile] = 18,
            [CurlCode.HttpReturnedError] = 22, [CurlCode.WriteError] = 23, [CurlCode.UploadFailed] = 25, [CurlCode.ReadError] = 26,
            [CurlCode.OperationTimedout] = 28, [CurlCode.FtpPortFailed] = 30, [CurlCode.RangeError] = 33, [CurlCode.SslConnectError] = 35,
            [CurlCode.BadDownloadResume] = 36, [CurlCode.AbortedByCallback] = 42, [CurlCode.BadFunctionArgument] = 43,
            [CurlCode.TooManyRedirects] = 47, [CurlCode.UnknownOption] = 48, [CurlCode.GotNothing] = 52, [CurlCode.SendError] = 55,
            [CurlCode.RecvError] = 56, [CurlCode.PeerFailedVerification] = 60, [CurlCode.LoginDenied] = 67,
            [CurlCode.RemoteFileNotFound] = 78, [CurlCode.Proxy] = 97,
        };
        foreach (var (code, number) in expected) Assert.Equal(number, (int)code);
        Assert.Equal(0, (int)CurlSockType.IpCxn);
        Assert.Equal(1, (int)CurlSockType.Accept);
        Assert.Equal([0, 1, 2], new[] { (int)SockOptResult.Ok, (int)SockOptResult.Error, (int)SockOptResult.AlreadyConnected });
    }

    [Fact]
    public void Every_option_and_info_name_in_the_contract_exists_with_libcurls_number()
    {
        var options = new Dictionary<CurlOption, int>
        {
            [CurlOption.Url] = 10002, [CurlOption.Port] = 3, [CurlOption.Verbose] = 41, [CurlOption.Header] = 42, [CurlOption.NoBody] = 44,
            [CurlOption.FailOnError] = 45, [CurlOption.FollowLocation] = 52, [CurlOption.MaxRedirs] = 68, [CurlOption.Post] = 47,
            [CurlOption.PostFields] = 10015, [CurlOption.PostFieldSize] = 60, [CurlOption.Upload] = 46, [CurlOption.InFileSize] = 14,
            [CurlOption.ReadFunction] = 20012, [CurlOption.ReadData] = 10009, [CurlOption.WriteFunction] = 20011, [CurlOption.WriteData] = 10001,
            [CurlOption.HeaderFunction] = 20079, [CurlOption.HeaderData] = 10029, [CurlOption.HttpHeader] = 10023, [CurlOption.UserAgent] = 10018,
            [CurlOption.CustomRequest] = 10036, [CurlOption.UserPwd] = 10005, [CurlOption.Range] = 10007, [CurlOption.ResumeFrom] = 21,
            [CurlOption.Resolve] = 10203, [CurlOption.ConnectTo] = 10243, [CurlOption.UnixSocketPath] = 10231, [CurlOption.Proxy] = 10004,
            [CurlOption.ProxyType] = 101, [CurlOption.NoProxy] = 10177, [CurlOption.HttpProxyTunnel] = 61, [CurlOption.SslVerifyPeer] = 64, [CurlOption.SslSessionIdCache] = 150,
            [CurlOption.SslVerifyHost] = 81, [CurlOption.CaInfo] = 10065, [CurlOption.TimeoutMs] = 155, [CurlOption.ConnectTimeoutMs] = 156,
            [CurlOption.FtpPort] = 10017, [CurlOption.FtpUseEpsv] = 85, [CurlOption.FtpUseEprt] = 106, [CurlOption.DirListOnly] = 48,
            [CurlOption.Quote] = 10028, [CurlOption.ForbidReuse] = 75, [CurlOption.FreshConnect] = 74, [CurlOption.MaxConnects] = 71,
            [CurlOption.OpenSocketFunction] = 20163, [CurlOption.OpenSocketData] = 10164, [CurlOption.CloseSocketFunction] = 20208,
            [CurlOption.CloseSocketData] = 10209, [CurlOption.SockOptFunction] = 20148, [CurlOption.SockOptData] = 10149,
            [CurlOption.XferInfoFunction] = 20219, [CurlOption.XferInfoData] = 10057, [CurlOption.DebugFunction] = 20094,
            [CurlOption.DebugData] = 10095, [CurlOption.HttpAuth] = 107, [CurlOption.Referer] = 10016, [CurlOption.Cookie] = 10022,
            [CurlOption.CaPath] = 10097, [CurlOption.SslCert] = 10025, [CurlOption.SslCertType] = 10086, [CurlOption.SslKey] = 10087,
            [CurlOption.KeyPasswd] = 10026, [CurlOption.PinnedPublicKey] = 10230, [CurlOption.SslVersion] = 32, [CurlOption.UseSsl] = 119,
            [CurlOption.FtpFileMethod] = 138, [CurlOption.FtpCreateMissingDirs] = 110, [CurlOption.AcceptTimeoutMs] = 212,
            [CurlOption.Append] = 50, [CurlOption.PostQuote] = 10039, [CurlOption.PreQuote] = 10093,
            [CurlOption.Protocols] = 181, [CurlOption.RedirProtocols] = 182, [CurlOption.ProtocolsStr] = 10318, [CurlOption.RedirProtocolsStr] = 10319,
        };
        foreach (var (option, number) in options) Assert.Equal(number, (int)option);

        var infos = new Dictionary<CurlInfo, int>
        {
            [CurlInfo.ResponseCode] = 0x200002, [CurlInfo.NumConnects] = 0x20001A, [CurlInfo.PrimaryIp] = 0x100020,
            [CurlInfo.PrimaryPort] = 0x200028, [CurlInfo.LocalIp] = 0x100029, [CurlInfo.LocalPort] = 0x20002A,
            [CurlInfo.EffectiveUrl] = 0x100001, [CurlInfo.RedirectCount] = 0x200014, [CurlInfo.ContentType] = 0x100012,
            [CurlInfo.SizeDownloadT] = 0x600008, [CurlInfo.TotalTimeT] = 0x600032, [CurlInfo.OsErrno] = 0x200019,
            [CurlInfo.SizeUploadT] = 0x600007, [CurlInfo.NameLookupTimeT] = 0x600033, [CurlInfo.ConnectTimeT] = 0x600034,
            [CurlInfo.PreTransferTimeT] = 0x600035, [CurlInfo.StartTransferTimeT] = 0x600036, [CurlInfo.RedirectTimeT] = 0x600037,
            [CurlInfo.AppConnectTimeT] = 0x600038, [CurlInfo.SslVerifyResult] = 0x20000D,
        };
        foreach (var (info, number) in infos) Assert.Equal(number, (int)info);
    }

    [Fact]
    public async Task The_handle_and_the_delegates_have_the_contracts_shapes()
    {
        OpenSocketCallback open = (object? clientp, CurlSockType purpose, CurlSockAddr address) => (Socket?)null;
        CloseSocketCallback close = (object? clientp, Socket item) => 0;
        SockOptCallback sockopt = (object? clientp, Socket socket, CurlSockType purpose) => SockOptResult.Ok;
        WriteCallback write = (ReadOnlySpan<byte> data, object? userdata) => data.Length;
        ReadCallback read = (Span<byte> buffer, object? userdata) => 0;
        DebugCallback debug = (CurlInfoType type, ReadOnlySpan<byte> data, object? userdata) => 0;
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], new[] { CurlInfoType.Text, CurlInfoType.HeaderIn, CurlInfoType.HeaderOut, CurlInfoType.DataIn,
            CurlInfoType.DataOut, CurlInfoType.SslDataIn, CurlInfoType.SslDataOut }.Select(t => (int)t));

        using var easy = new CurlEasy
        {
            OpenSocketFunction = open, OpenSocketData = 1, CloseSocketFunction = close, CloseSocketData = 2,
            SockOptFunction = sockopt, SockOptData = 3, WriteFunction = write, WriteData = 4,
            DebugFunction = debug, DebugData = 5, Url = "http://127.0.0.1:9/",
        };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.ReadFunction, read));
        CurlCode code = easy.Perform();
        Task<CurlCode> pending = easy.PerformAsync(CancellationToken.None);
        Assert.Equal(CurlCode.CouldntConnect, code);   // the open callback refuses
        Assert.Equal(CurlCode.CouldntConnect, await pending);
        string? message = easy.ErrorMessage;
        Exception? thrown = easy.CallbackException;
        object? info = easy.GetInfo(CurlInfo.ResponseCode);
        Assert.NotNull(message);
        Assert.Null(thrown);
        Assert.IsType<long>(info);
        Assert.IsType<string>(Curl.StrError(CurlCode.Ok));
        Assert.False(string.IsNullOrEmpty(Curl.Version));

        var address = new CurlSockAddr(new IPEndPoint(IPAddress.Loopback, 80));
        AddressFamily family = address.Family;
        SocketType type = address.SocketType;
        ProtocolType protocol = address.Protocol;
        int length = address.AddrLen;
        EndPoint target = address.Address;
        address.Address = target;
        Assert.Equal((AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp, 16), (family, type, protocol, length));
    }
}
