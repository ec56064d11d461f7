namespace Curlew;

/// <summary>
/// The "scheme://host:port" a <see cref="CurlHttpHandler"/> pools its handles by. Requests in a row mostly go to the
/// same server, so the last key made on this thread is kept and given again while the parts match: a key is then no
/// allocation per request.
/// </summary>
internal static class ServerKey
{
    [ThreadStatic] private static Entry? t_last;

    private sealed record Entry(string Scheme, string Host, int Port, string Key);

    public static string Of(Uri uri)
    {
        // IdnHost makes a Uri allocate more state; only a non-ASCII name needs its punycode form to match its ASCII spelling.
        string scheme = uri.Scheme, host = uri.Host;
        if (!System.Text.Ascii.IsValid(host)) host = uri.IdnHost;
        int port = uri.Port;
        if (t_last is { } last && last.Port == port && last.Scheme == scheme && last.Host == host) return last.Key;
        var entry = new Entry(scheme, host, port, $"{scheme}://{host}:{port}");
        t_last = entry;
        return entry.Key;
    }
}
