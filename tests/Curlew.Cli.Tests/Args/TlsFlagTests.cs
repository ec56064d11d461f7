using Curlew.Cli.Args;

namespace Curlew.Cli.Tests.Args;

/// <summary>The TLS flags in-process: what -E's argument splits into and which SSLVERSION bits the version flags set.</summary>
public sealed class TlsFlagTests
{
    [Theory]
    [InlineData("client.pem", "client.pem", null)]
    [InlineData("client.p12:secret", "client.p12", "secret")]
    [InlineData("client.p12:", "client.p12", null)]                 // an empty password is no password
    [InlineData(@"my\:cert.pem:pw", "my:cert.pem", "pw")]           // \: is a colon inside the name
    [InlineData(@"dir\\:pw", @"dir\", "pw")]                          // \\ is one backslash, the colon then splits
    [InlineData(@"a\bc.pem", @"a\bc.pem", null)]                     // any other backslash stays as typed
    [InlineData(@"trailing\", @"trailing\", null)]
    [InlineData("c.pem:pass:with:colons", "c.pem", "pass:with:colons")]  // only the first colon splits
    [InlineData("pkcs11:token=a;object=b", "pkcs11:token=a;object=b", null)]
    public void Cert_argument_splits_at_the_first_unescaped_colon(string argument, string file, string? password)
    {
        Assert.Equal((file, password), CertParameter.Split(argument));
    }

    [Fact]
    public void The_password_of_E_and_pass_is_the_last_one_given()
    {
        var options = ArgumentParser.Parse(["-E", "c.p12:first", "--pass", "second", "http://x/"]).Options;
        Assert.Equal(("c.p12", "second"), (options.Cert, options.KeyPassword));
        options = ArgumentParser.Parse(["--pass", "first", "-E", "c.p12:second", "http://x/"]).Options;
        Assert.Equal("second", options.KeyPassword);
    }

    [Theory]
    [InlineData("--tlsv1", 1L)]
    [InlineData("--tlsv1.0", 4L)]
    [InlineData("--tlsv1.1", 5L)]
    [InlineData("--tlsv1.2", 6L)]
    [InlineData("--tlsv1.3", 7L)]
    public void Version_flags_set_libcurls_minimum(string flag, long expected)
    {
        Assert.Equal(expected, ArgumentParser.Parse([flag, "http://x/"]).Options.SslVersion);
    }

    [Theory]
    [InlineData("default", 1L << 16)]
    [InlineData("1.0", 4L << 16)]
    [InlineData("1.3", 7L << 16)]
    public void Tls_max_sets_the_maximum_in_the_high_bits(string version, long expected)
    {
        var outcome = ArgumentParser.Parse(["--tls-max", version, "http://x/"]);
        Assert.Equal(ParseVerdict.Run, outcome.Verdict);
        Assert.Equal(expected, outcome.Options.SslVersionMax);
    }
}
