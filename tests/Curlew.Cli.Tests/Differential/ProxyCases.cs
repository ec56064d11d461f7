namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// The proxy flags through real proxies (<see cref="Servers.CliProxies"/>): {proxy} is an open tinyproxy, {gproxy} one
/// demanding alice / s3cret, {socks} danted; {url} is the recording origin, so the server channel shows what the origin
/// received through the proxy.
/// </summary>
public static class ProxyCases
{
    private static DifferentialCase C(string name, params string[] args) => new(name, args);

    public static readonly DifferentialCase[] All =
    [
        C("-x through tinyproxy", "-sS", "-x", "{proxy}", "{url}/text"),
        C("-x as an http:// URL, -i", "-sS", "-i", "-x", "http://{proxy}", "{url}/text"),
        C("-U and --proxy-basic through a proxy that demands a login", "-sS", "-x", "{gproxy}", "-U", "alice:s3cret", "--proxy-basic", "{url}/text"),
        C("a proxy that demands a login, without one", "-sS", "-x", "{gproxy}", "-w", "%{http_code}\\n", "{url}/text"),
        C("-p tunnels through CONNECT", "-sS", "-p", "-x", "{proxy}", "-w", "%{http_connect}\\n", "{url}/text"),
        C("-p with -i shows the CONNECT response", "-sS", "-i", "-p", "-x", "{proxy}", "{url}/text"),
        C("-p without the login fails with 56", "-sS", "-p", "-x", "{gproxy}", "-w", "%{http_connect}\\n", "{url}/text"),
        C("--socks5", "-sS", "--socks5", "{socks}", "{url}/text"),
        C("--socks5-hostname after -x wins", "-sS", "-x", "127.0.0.1:1", "--socks5-hostname", "{socks}", "{url}/text"),
        C("-x after --socks5 wins", "-sS", "--socks5", "127.0.0.1:1", "-x", "{proxy}", "{url}/text"),
        C("-x socks5h:// URL", "-sS", "-x", "socks5h://{socks}", "{url}/text"),
        C("--noproxy names the host", "-sS", "-x", "127.0.0.1:1", "--noproxy", "localhost,127.0.0.1", "{url}/text"),
        C("a proxy that does not resolve", "-sS", "-x", "proxy.invalid:3128", "{url}/text"),
        C("an unsupported proxy scheme", "-sS", "-x", "ftp://127.0.0.1:21", "{url}/text"),
    ];
}
