using System.Diagnostics;
using Curlew.Tests.Differential.Scripted;
using Curlew.Tests.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// HTTPS against the TLS nginx, Curlew beside libcurl 7.88.1 (Debian's, OpenSSL) and the curl binary: the same code,
/// body, response code and SSL verify result for each certificate, version, client-certificate and pinning case.
/// </summary>
[Collection("nginx-tls")]
public sealed class TlsDiffTests(NginxTlsFixture fixture, ITestOutputHelper output)
{
    private NginxTlsServer Server => fixture.Server;
    private TestCertificates Certs => Server.Certificates;

    private sealed record TlsCase(string Url, (CurlOption, object?)[] Options, string[] CurlArgs);

    public static TheoryData<string> Names => new()
    {
        "trusted CA", "system store only", "another CA", "CA file missing", "wrong host", "wrong host, VerifyHost 0",
        "wrong host, VerifyPeer 0 only", "expired", "untrusted with -k", "TLS 1.2 only server", "TLS 1.3 only server",
        "max TLS 1.2 against TLS 1.3 only", "min TLS 1.3 against TLS 1.2 only", "client cert required, none given",
        "client cert PEM", "client cert PEM, encrypted key", "client cert P12", "client cert missing", "client key wrong password",
        "pin matches", "pin does not match", "pin from key file", "http to https redirect", "https URL on a plain HTTP port",
    };

    private TlsCase Case(string name)
    {
        string good = Server.Https("tls") + "/small.txt";
        (CurlOption, object?) ca = (CurlOption.CaInfo, Certs.CaFile);
        string[] caArgs = ["--cacert", Certs.CaFile];
        string pin = "sha256//" + Certs.ServerKeySha256;
        return name switch
        {
            "trusted CA" => new(good, [ca], caArgs),
            "system store only" => new(good, [], []),
            "another CA" => new(good, [(CurlOption.CaInfo, Certs.OtherCaFile)], ["--cacert", Certs.OtherCaFile]),
            "CA file missing" => new(good, [(CurlOption.CaInfo, Certs.CaFile + ".missing")], ["--cacert", Certs.CaFile + ".missing"]),
            "wrong host" => new(Server.Https("wronghost") + "/small.txt", [ca], caArgs),
            "wrong host, VerifyHost 0" => new(Server.Https("wronghost") + "/small.txt", [ca, (CurlOption.SslVerifyHost, 0L)], []),
            "wrong host, VerifyPeer 0 only" => new(Server.Https("wronghost") + "/small.txt", [ca, (CurlOption.SslVerifyPeer, 0L)], []),
            "expired" => new(Server.Https("expired") + "/small.txt", [ca], caArgs),
            "untrusted with -k" => new(good, [(CurlOption.SslVerifyPeer, 0L), (CurlOption.SslVerifyHost, 0L)], ["-k"]),
            "TLS 1.2 only server" => new(Server.Https("tls12") + "/small.txt", [ca], caArgs),
            "TLS 1.3 only server" => new(Server.Https("tls13") + "/small.txt", [ca], caArgs),
            "max TLS 1.2 against TLS 1.3 only" => new(Server.Https("tls13") + "/small.txt", [ca, (CurlOption.SslVersion, 6L | 6L << 16)], [.. caArgs, "--tlsv1.2", "--tls-max", "1.2"]),
            "min TLS 1.3 against TLS 1.2 only" => new(Server.Https("tls12") + "/small.txt", [ca, (CurlOption.SslVersion, 7L)], [.. caArgs, "--tlsv1.3"]),
            "client cert required, none given" => new(Server.Https("clientcert") + "/small.txt", [ca], caArgs),
            "client cert PEM" => new(Server.Https("clientcert") + "/small.txt", [ca, (CurlOption.SslCert, Certs.ClientCert), (CurlOption.SslKey, Certs.ClientKey)],
                [.. caArgs, "--cert", Certs.ClientCert, "--key", Certs.ClientKey]),
            "client cert PEM, encrypted key" => new(Server.Https("clientcert") + "/small.txt",
                [ca, (CurlOption.SslCert, Certs.ClientCert), (CurlOption.SslKey, Certs.ClientKeyEncrypted), (CurlOption.KeyPasswd, TestCertificates.ClientPassword)],
                [.. caArgs, "--cert", Certs.ClientCert, "--key", Certs.ClientKeyEncrypted, "--pass", TestCertificates.ClientPassword]),
            "client cert P12" => new(Server.Https("clientcert") + "/small.txt",
                [ca, (CurlOption.SslCert, Certs.ClientP12), (CurlOption.SslCertType, "P12"), (CurlOption.KeyPasswd, TestCertificates.ClientPassword)],
                [.. caArgs, "--cert", Certs.ClientP12 + ":" + TestCertificates.ClientPassword, "--cert-type", "P12"]),
            "client cert missing" => new(Server.Https("clientcert") + "/small.txt", [ca, (CurlOption.SslCert, Certs.ClientCert + ".missing")],
                [.. caArgs, "--cert", Certs.ClientCert + ".missing"]),
            "client key wrong password" => new(Server.Https("clientcert") + "/small.txt",
                [ca, (CurlOption.SslCert, Certs.ClientCert), (CurlOption.SslKey, Certs.ClientKeyEncrypted), (CurlOption.KeyPasswd, "wrong")],
                [.. caArgs, "--cert", Certs.ClientCert, "--key", Certs.ClientKeyEncrypted, "--pass", "wrong"]),
            "pin matches" => new(good, [ca, (CurlOption.PinnedPublicKey, pin)], [.. caArgs, "--pinnedpubkey", pin]),
            "pin does not match" => new(good, [ca, (CurlOption.PinnedPublicKey, "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")],
                [.. caArgs, "--pinnedpubkey", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]),
            "pin from key file" => new(good, [ca, (CurlOption.PinnedPublicKey, Certs.ServerPublicKeyFile)], [.. caArgs, "--pinnedpubkey", Certs.ServerPublicKeyFile]),
            "http to https redirect" => new(Server.RedirectToHttps + "/small.txt", [ca, (CurlOption.FollowLocation, 1L)], [.. caArgs, "-L"]),
            "https URL on a plain HTTP port" => new(Server.Nginx.BaseUrl.Replace("http://", "https://") + "/small.txt", [ca], caArgs),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_answers_an_https_case_as_libcurl_and_curl_do(string name)
    {
        var c = Case(name);
        var options = c.Options.Prepend((CurlOption.Url, c.Url)).ToArray();
        var lib = ScriptedEngines.RunLibCurl(options);
        var mine = ScriptedEngines.RunCurlew(options);
        output.WriteLine($"libcurl:\n{lib.Describe()}\ncurlew:\n{mine.Describe()}");

        Assert.True(lib.Code == mine.Code, $"{name}: libcurl {lib.Code} ({lib.Error}), Curlew {mine.Code} ({mine.Error})");
        Assert.True(lib.Body.AsSpan().SequenceEqual(mine.Body), $"{name}: bodies differ");
        Assert.Equal(lib.Info[nameof(CurlInfo.ResponseCode)], mine.Info[nameof(CurlInfo.ResponseCode)]);
        Assert.Equal(lib.Info[nameof(CurlInfo.SslVerifyResult)], mine.Info[nameof(CurlInfo.SslVerifyResult)]);
        if (c.CurlArgs.Length == 0 && c.Options.Length > 0) return;   // no curl flag for just this option
        var (exit, body) = RunCurl(c);
        Assert.True(exit == mine.Code, $"{name}: curl exited {exit}, Curlew {mine.Code} ({mine.Error})");
        Assert.True(body.AsSpan().SequenceEqual(mine.Body), $"{name}: curl's body differs");
    }

    private static (int Exit, byte[] Body) RunCurl(TlsCase c)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-s", "--max-time", "6", .. c.CurlArgs, c.Url]) start.ArgumentList.Add(a);
        using var curl = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        var body = new MemoryStream();
        var copy = curl.StandardOutput.BaseStream.CopyToAsync(body);
        curl.StandardError.ReadToEnd();
        if (!curl.WaitForExit(20_000)) { curl.Kill(); throw new TimeoutException("curl hung"); }
        copy.Wait();
        return (curl.ExitCode, body.ToArray());
    }
}
