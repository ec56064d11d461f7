using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>
/// Credentials (UserPwd, the URL's own, the user's Authorization and Cookie headers) go only to the first URL's scheme,
/// host and port unless <c>UnrestrictedAuth</c> is set; the user's Host header applies only on the first host name.
/// Judged for every hop, so a chain that comes back to the first host sends them again, as curl does.
/// </summary>
internal static class FirstHostRule
{
    public static bool MaySendCredentials(CurlUrl target, CurlUrl first, bool unrestrictedAuth) =>
        unrestrictedAuth || (SameHost(target, first) && target.Port == first.Port && target.Scheme == first.Scheme);

    public static bool SameHost(CurlUrl target, CurlUrl first) => string.Equals(target.Host, first.Host, StringComparison.OrdinalIgnoreCase);
}
