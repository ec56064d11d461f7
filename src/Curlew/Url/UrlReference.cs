using System.Text;

namespace Curlew.Url;

/// <summary>
/// A URI reference split into its five RFC 3986 components (Appendix B), and the §5.2 algorithm that resolves a
/// relative reference against a base URL. Components are kept as written; null means "not present".
/// </summary>
internal readonly record struct UrlReference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
{
    /// <summary>Splits a reference; never fails (every string is a reference), validation comes when the result is parsed.</summary>
    public static UrlReference Split(string reference)
    {
        string? scheme = null;
        ReadOnlySpan<char> rest = reference;
        int schemeLength = UrlSchemes.SchemeLength(reference, requireSlash: false);
        if (schemeLength > 0)
        {
            scheme = reference[..schemeLength];
            rest = rest[(schemeLength + 1)..];
        }
        string? fragment = null;
        int hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..].ToString();
            rest = rest[..hash];
        }
        string? query = null;
        int question = rest.IndexOf('?');
        if (question >= 0)
        {
            query = rest[(question + 1)..].ToString();
            rest = rest[..question];
        }
        string? authority = null;
        if (rest.StartsWith("//"))
        {
            rest = rest[2..];
            int slash = rest.IndexOf('/');
            int end = slash < 0 ? rest.Length : slash;
            authority = rest[..end].ToString();
            rest = rest[end..];
        }
        return new UrlReference(scheme, authority, rest.ToString(), query, fragment);
    }

    /// <summary>RFC 3986 §5.2.2 for a reference without a scheme: the target URL's components.</summary>
    public UrlReference ResolveAgainst(string baseScheme, string baseAuthority, string basePath, string? baseQuery)
    {
        if (Authority is not null)
        {
            return new UrlReference(baseScheme, Authority, DotSegments.Remove(Path), Query, Fragment);
        }
        if (Path.Length == 0)
        {
            return new UrlReference(baseScheme, baseAuthority, basePath, Query ?? baseQuery, Fragment);
        }
        string merged = Path[0] == '/' ? Path : basePath[..(basePath.LastIndexOf('/') + 1)] + Path;
        return new UrlReference(baseScheme, baseAuthority, DotSegments.Remove(merged), Query, Fragment);
    }

    /// <summary>RFC 3986 §5.3 recomposition, with spaces and non-ASCII in path, query and fragment percent-encoded.</summary>
    public string ToEncodedString()
    {
        var sb = new StringBuilder();
        if (Scheme is not null)
        {
            sb.Append(Scheme).Append(':');
        }
        if (Authority is not null)
        {
            sb.Append("//").Append(Authority);
        }
        sb.Append(PercentEncoding.EncodeSpacesAndNonAscii(Path));
        if (Query is not null)
        {
            sb.Append('?').Append(PercentEncoding.EncodeSpacesAndNonAscii(Query));
        }
        if (Fragment is not null)
        {
            sb.Append('#').Append(PercentEncoding.EncodeSpacesAndNonAscii(Fragment));
        }
        return sb.ToString();
    }
}
