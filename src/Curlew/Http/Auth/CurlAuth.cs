namespace Curlew;

/// <summary>
/// The bits of <see cref="CurlOption.HttpAuth"/> (libcurl's <c>CURLAUTH_*</c>, same numbers): which schemes the caller
/// allows for the server's credentials. Set with <c>SetOpt(CurlOption.HttpAuth, CurlAuth.Digest)</c> or
/// <c>easy.HttpAuth = (long)CurlAuth.Any</c>; the default is <see cref="Basic"/>.
/// </summary>
/// <remarks>
/// Only <see cref="Basic"/> exactly is sent before the server asks. Any other choice sends the first request without
/// credentials and answers the server's 401 with the best scheme both sides allow (Digest over Basic). Curlew builds
/// Basic and Digest only; the other bits are accepted and never used.
/// </remarks>
[Flags]
public enum CurlAuth : long
{
    /// <summary>No authentication at all, even with credentials (<c>CURLAUTH_NONE</c>).</summary>
    None = 0,
    /// <summary>RFC 7617 Basic: user and password in clear (base64); sent pre-emptively when it is the only bit (<c>CURLAUTH_BASIC</c>).</summary>
    Basic = 1,
    /// <summary>RFC 7616 Digest: MD5, SHA-256 and their -sess variants, qop auth (<c>CURLAUTH_DIGEST</c>).</summary>
    Digest = 2,
    /// <summary>SPNEGO (<c>CURLAUTH_NEGOTIATE</c>); not built in Curlew, never chosen.</summary>
    Negotiate = 4,
    /// <summary>NTLM (<c>CURLAUTH_NTLM</c>); not built in Curlew, never chosen.</summary>
    Ntlm = 8,
    /// <summary>Digest with Internet Explorer's quirk: the digest's <c>uri</c> leaves out the query (<c>CURLAUTH_DIGEST_IE</c>).</summary>
    DigestIe = 16,
    /// <summary>NTLM through winbind (<c>CURLAUTH_NTLM_WB</c>); not built in Curlew, never chosen.</summary>
    NtlmWb = 32,
    /// <summary>Bearer token (<c>CURLAUTH_BEARER</c>); not built in Curlew, never chosen.</summary>
    Bearer = 64,
    /// <summary>AWS signature v4 (<c>CURLAUTH_AWS_SIGV4</c>); not built in Curlew, never chosen.</summary>
    AwsSigV4 = 128,
    /// <summary>Combined with one other bit: use only that scheme, and only once the server asked for it (<c>CURLAUTH_ONLY</c>).</summary>
    Only = 1L << 31,
    /// <summary>Every scheme: probe first, then the best one the server offers (<c>CURLAUTH_ANY</c>).</summary>
    Any = ~DigestIe,
    /// <summary>Every scheme but Basic: the password never travels in clear (<c>CURLAUTH_ANYSAFE</c>).</summary>
    AnySafe = ~(Basic | DigestIe),
}
