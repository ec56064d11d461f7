using Curlew.Ftp;
using Curlew.Http;
using Curlew.Protocols;
using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>
/// Which handler speaks which scheme (curl's handler table). Every scheme the URL parser accepts has a row; a row
/// without a factory is a protocol Curlew knows but has not built yet, and fails as unsupported before any byte is
/// sent, so a redirect to https:// can never go out in clear text.
/// </summary>
internal static class ProtocolTable
{
    private delegate IProtocolHandler Factory(EasyOptions options, in TransferContext context);

    private static readonly (string Scheme, Factory? Create)[] Rows =
    [
        ("http", static (EasyOptions o, in TransferContext c) => new HttpProtocol(HttpSnapshot.For(o), c)),
        ("https", static (EasyOptions o, in TransferContext c) => new HttpProtocol(HttpSnapshot.For(o), c)),   // the route stacks TLS
        ("ftp", static (EasyOptions o, in TransferContext c) => new FtpProtocol(FtpSnapshot.From(o), c)),
        ("ftps", static (EasyOptions o, in TransferContext c) => new FtpProtocol(FtpSnapshot.From(o), c)),
    ];

    /// <summary>A new handler for <paramref name="scheme"/>, for the rest of this perform.</summary>
    /// <exception cref="CurlException">UnsupportedProtocol when no handler speaks the scheme.</exception>
    public static IProtocolHandler Create(string scheme, EasyOptions options, in TransferContext context)
    {
        foreach (var (name, create) in Rows)
        {
            if (name != scheme) continue;
            return create is not null ? create(options, context)
                : throw new CurlException(CurlCode.UnsupportedProtocol, $"Protocol \"{scheme}\" not supported by this Curlew release yet");
        }
        throw UrlErrors.UnsupportedScheme(scheme);
    }
}
