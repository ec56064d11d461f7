using Xunit;

namespace Curlew.TestSupport;

/// <summary>
/// Debian's nginx speaking TLS with certificates made for the run (<see cref="TestCertificates"/>), one port per case:
/// a good server (TLS 1.2 and 1.3), a wrong-host certificate, an expired one, one that requires a client certificate,
/// TLS 1.2 only, TLS 1.3 only, and plain-HTTP ports that redirect to https and back. Every TLS response carries
/// X-Tls ($ssl_protocol), X-Session-Reused ($ssl_session_reused), X-Client-DN ($ssl_client_s_dn), X-Sni
/// ($ssl_server_name) and X-Alpn ($ssl_alpn_protocol).
/// </summary>
public sealed class NginxTlsServer : IAsyncDisposable
{
    private NginxServer? _nginx;

    private NginxTlsServer() { }

    /// <summary>The certificates the servers use and the client trusts.</summary>
    public TestCertificates Certificates { get; private set; } = null!;

    /// <summary>The nginx underneath (its plain-HTTP <see cref="NginxServer.BaseUrl"/> serves the same root).</summary>
    public NginxServer Nginx => _nginx!;

    /// <summary>https://127.0.0.1:PORT of the named server: tls, wronghost, expired, clientcert, tls12, tls13.</summary>
    public string Https(string name) => $"https://127.0.0.1:{Nginx.Ports[name]}";

    /// <summary>https://localhost:PORT of the named server (a DNS name: SNI is sent).</summary>
    public string HttpsByName(string name) => $"https://localhost:{Nginx.Ports[name]}";

    /// <summary>Plain http on a port whose every request is redirected (302) to the same path on the good TLS server.</summary>
    public string RedirectToHttps => $"http://127.0.0.1:{Nginx.Ports["tohttps"]}";

    /// <summary>Starts nginx with the TLS servers.</summary>
    public static async Task<NginxTlsServer> StartAsync()
    {
        var server = new NginxTlsServer();
        server._nginx = await NginxServer.StartAsync((directory, root, port) =>
        {
            var certs = server.Certificates = TestCertificates.Create(Path.Combine(directory, "certs"));
            int tls = port("tls"), fromHttps = port("fromhttps");
            string Site(string name, int p, string cert, string extra) => $$"""
                server {
                    listen 127.0.0.1:{{p}} ssl;
                    server_name localhost;
                    root {{root}};
                    ssl_certificate {{certs.CertFile(cert)}};
                    ssl_certificate_key {{certs.KeyFile(cert)}};
                    add_header X-Tls $ssl_protocol always;
                    add_header X-Session-Reused $ssl_session_reused always;
                    add_header X-Client-DN "$ssl_client_s_dn" always;
                    add_header X-Sni "$ssl_server_name" always;
                    add_header X-Alpn "$ssl_alpn_protocol" always;
                    location = /to-http { return 302 http://127.0.0.1:{{fromHttps}}/small.txt; }
                    {{extra}}
                }
                """;
            return $$"""
                ssl_session_cache shared:CURLEW:1m;
                ssl_protocols TLSv1.2 TLSv1.3;
                {{Site("tls", tls, "server", "")}}
                {{Site("wronghost", port("wronghost"), "wronghost", "")}}
                {{Site("expired", port("expired"), "expired", "")}}
                {{Site("clientcert", port("clientcert"), "server", $"ssl_verify_client on; ssl_client_certificate {certs.CaFile};")}}
                {{Site("tls12", port("tls12"), "server", "ssl_protocols TLSv1.2;")}}
                {{Site("tls13", port("tls13"), "server", "ssl_protocols TLSv1.3;")}}
                server {
                    listen 127.0.0.1:{{port("tohttps")}};
                    location / { return 302 https://127.0.0.1:{{tls}}$request_uri; }
                }
                server {
                    listen 127.0.0.1:{{fromHttps}};
                    root {{root}};
                }
                """;
        });
        return server;
    }

    /// <summary>Stops nginx and deletes its directory (certificates included).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
    }
}

/// <summary>One TLS nginx shared by every test class of a collection or class fixture.</summary>
public sealed class NginxTlsFixture : IAsyncLifetime
{
    private NginxTlsServer? _server;

    /// <summary>The running server.</summary>
    public NginxTlsServer Server => _server ?? throw new InvalidOperationException("the TLS nginx fixture was not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await NginxTlsServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
