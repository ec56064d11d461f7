using System.Reflection;

namespace Curlew;

/// <summary>Global functions: error texts and version.</summary>
public static class Curl
{
    /// <summary>A read callback returns this to abort the transfer (libcurl's <c>CURL_READFUNC_ABORT</c>).</summary>
    public const long ReadFuncAbort = Protocols.UploadSource.AbortAnswer;

    /// <summary>The short English description of <paramref name="code"/>, the same text curl prints.</summary>
    public static string StrError(CurlCode code) => code switch
    {
        CurlCode.Ok => "No error",
        CurlCode.UnsupportedProtocol => "Unsupported protocol",
        CurlCode.FailedInit => "Failed initialization",
        CurlCode.UrlMalformat => "URL using bad/illegal format or missing URL",
        CurlCode.NotBuiltIn => "A requested feature, protocol or option was not found built-in in this libcurl due to a build-time decision.",
        CurlCode.CouldntResolveProxy => "Couldn't resolve proxy name",
        CurlCode.CouldntResolveHost => "Couldn't resolve host name",
        CurlCode.CouldntConnect => "Couldn't connect to server",
        CurlCode.WeirdServerReply => "Weird server reply",
        CurlCode.RemoteAccessDenied => "Access denied to remote resource",
        CurlCode.FtpAcceptFailed => "FTP: The server failed to connect to data port",
        CurlCode.FtpWeirdPassReply => "FTP: unknown PASS reply",
        CurlCode.FtpAcceptTimeout => "FTP: Accepting server connect has timed out",
        CurlCode.FtpWeirdPasvReply => "FTP: unknown PASV reply",
        CurlCode.FtpWeird227Format => "FTP: unknown 227 response format",
        CurlCode.FtpCantGetHost => "FTP: can't figure out the host in the PASV response",
        CurlCode.Http2 => "Error in the HTTP2 framing layer",
        CurlCode.FtpCouldntSetType => "FTP: couldn't set file type",
        CurlCode.PartialFile => "Transferred a partial file",
        CurlCode.FtpCouldntRetrFile => "FTP: couldn't retrieve (RETR failed) the specified file",
        CurlCode.QuoteError => "Quote command returned error",
        CurlCode.HttpReturnedError => "HTTP response code said error",
        CurlCode.WriteError => "Failed writing received data to disk/application",
        CurlCode.UploadFailed => "Upload failed (at start/before it took off)",
        CurlCode.ReadError => "Failed to open/read local data from file/application",
        CurlCode.OutOfMemory => "Out of memory",
        CurlCode.OperationTimedout => "Timeout was reached",
        CurlCode.FtpPortFailed => "FTP: command PORT failed",
        CurlCode.FtpCouldntUseRest => "FTP: command REST failed",
        CurlCode.RangeError => "Requested range was not delivered by the server",
        CurlCode.HttpPostError => "Internal problem setting up the POST",
        CurlCode.SslConnectError => "SSL connect error",
        CurlCode.BadDownloadResume => "Couldn't resume download",
        CurlCode.FileCouldntReadFile => "Couldn't read a file:// file",
        CurlCode.FunctionNotFound => "A required function in the library was not found",
        CurlCode.AbortedByCallback => "Operation was aborted by an application callback",
        CurlCode.BadFunctionArgument => "A libcurl function was given a bad argument",
        CurlCode.InterfaceFailed => "Failed binding local connection end",
        CurlCode.TooManyRedirects => "Number of redirects hit maximum amount",
        CurlCode.UnknownOption => "An unknown option was passed in to libcurl",
        CurlCode.SetOptOptionSyntax => "Malformed option provided in a setopt",
        CurlCode.GotNothing => "Server returned nothing (no headers, no data)",
        CurlCode.SendError => "Failed sending data to the peer",
        CurlCode.RecvError => "Failure when receiving data from the peer",
        CurlCode.SslCertProblem => "Problem with the local SSL certificate",
        CurlCode.PeerFailedVerification => "SSL peer certificate or SSH remote key was not OK",
        CurlCode.BadContentEncoding => "Unrecognized or bad HTTP Content or Transfer-Encoding",
        CurlCode.FilesizeExceeded => "Maximum file size exceeded",
        CurlCode.UseSslFailed => "Requested SSL level failed",
        CurlCode.SendFailRewind => "Send failed since rewinding of the data stream failed",
        CurlCode.LoginDenied => "Login denied",
        CurlCode.SslCaCertBadFile => "Problem with the SSL CA cert (path? access rights?)",
        CurlCode.RemoteFileNotFound => "Remote file not found",
        CurlCode.SslPinnedPubKeyNotMatch => "SSL public key does not match pinned public key",
        CurlCode.RecursiveApiCall => "API function called from within callback",
        CurlCode.AuthError => "An authentication function returned an error",
        CurlCode.Proxy => "Proxy handshake error",
        CurlCode.TooLarge => "A value or data field grew larger than allowed",
        _ => "Unknown error",
    };

    /// <summary>Version text, in the spirit of <c>curl_version()</c>.</summary>
    public static string Version { get; } =
        $"Curlew/{typeof(Curl).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"} .NET/{Environment.Version}";
}
