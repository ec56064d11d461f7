using Curlew.Connect;
using Curlew.Transfer;
using Xunit;

namespace Curlew.Tests.Transfer;

/// <summary>The per-handle connect snapshot is reused only while no connect option changed.</summary>
public sealed class ConnectSnapshotTests
{
    // One change per field of ConnectSettings and TlsSettings.
    private static readonly (string Field, Action<EasyOptions> Change)[] Changes =
    [
        ("ConnectTimeoutMs", o => o.ConnectTimeoutMs = 5), ("IpResolve", o => o.IpResolve = 1), ("Resolve", o => o.Resolve = ["a:80:1.2.3.4"]),
        ("ConnectTo", o => o.ConnectTo = ["a:80:b:81"]), ("UnixSocketPath", o => o.UnixSocketPath = "/tmp/s"), ("TcpNoDelay", o => o.TcpNoDelay = false),
        ("BufferSize", o => o.BufferSize = 4096), ("FreshConnect", o => o.FreshConnect = true), ("ForbidReuse", o => o.ForbidReuse = true),
        ("MaxConnects", o => o.MaxConnects = 1), ("Proxy", o => o.ProxyType = 4), ("NoProxy", o => o.NoProxy = "*"), ("UserPwd", o => o.UserPwd = "u:p"),
        ("Tls.VerifyPeer", o => o.SslVerifyPeer = false), ("Tls.VerifyHost", o => o.SslVerifyHost = 0), ("Tls.CaInfo", o => o.CaInfo = "ca.pem"),
        ("Tls.CaPath", o => o.CaPath = "/ca"), ("Tls.Cert", o => o.SslCert = "c.pem"), ("Tls.CertType", o => o.SslCertType = "DER"),
        ("Tls.Key", o => o.SslKey = "k.pem"), ("Tls.KeyPassword", o => o.KeyPasswd = "pw"), ("Tls.PinnedPublicKey", o => o.PinnedPublicKey = "sha256//x"),
        ("Tls.Version", o => o.SslVersion = 6), ("Tls.SessionIdCache", o => o.SslSessionIdCache = false), ("FtpUseSsl", o => o.UseSsl = 3),
        ("Guard", o => o.SsrfGuard = SsrfGuard.Default),
        ("MaxAgeConn", o => o.MaxAgeConn = 1), ("MaxLifetimeConn", o => o.MaxLifetimeConn = 10),
    ];

    [Fact]
    public void An_unchanged_handle_gets_the_same_settings_instance_on_every_perform()
    {
        var options = new EasyOptions { Url = "http://a/" };
        var snapshots = new ConnectSnapshot();

        var first = snapshots.Take(options.Clone());
        var second = snapshots.Take(options.Clone());

        Assert.Same(first, second);
        Assert.Equal(ConnectSnapshot.From(options), first);
    }

    [Fact]
    public void Changing_any_connect_option_gives_new_settings_that_match_a_fresh_snapshot()
    {
        foreach (var (field, change) in Changes)
        {
            var options = new EasyOptions();
            var snapshots = new ConnectSnapshot();
            var before = snapshots.Take(options.Clone());
            change(options);

            var after = snapshots.Take(options.Clone());

            Assert.True(!ReferenceEquals(before, after), $"changing {field} left the old snapshot in use");
            Assert.True(ConnectSnapshot.From(options).Equals(after), $"after changing {field} the snapshot differs from a fresh one");
        }
    }

    [Fact]
    public void Every_field_of_the_settings_is_covered_by_a_change_above()
    {
        // A new field in ConnectSettings or TlsSettings must be compared in ConnectSnapshot.Matches and listed here.
        int fields = typeof(ConnectSettings).GetProperties().Length - 1 + typeof(TlsSettings).GetProperties().Length;   // minus Tls itself
        Assert.Equal(fields, Changes.Length);
    }
}
