using Curlew.Connect;
using Curlew.Url;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>A route is the pool key: equal exactly when a connection may serve both transfers, and cheap to get again.</summary>
public sealed class RouteTests
{
    [Fact]
    public void Planning_one_URL_again_with_equal_settings_returns_the_same_route_without_allocating()
    {
        var planner = new RoutePlanner();
        var url = CurlUrl.Parse("http://example.test:8080/a");
        var first = planner.Plan(url, ConnectRig.Settings());
        var sameSettingsNextPerform = ConnectRig.Settings();   // a new snapshot per perform, equal by value
        planner.Plan(url, sameSettingsNextPerform);             // warm up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        var again = planner.Plan(url, sameSettingsNextPerform);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(first, again);
        Assert.True(allocated == 0, $"a keep-alive request must not allocate for its route; {allocated} bytes were allocated");
    }

    [Fact]
    public void TLS_settings_split_https_routes_but_not_http_ones()
    {
        var strict = ConnectRig.Settings();
        var lax = ConnectRig.Settings(o => o.SslVerifyPeer = false);
        var withCert = ConnectRig.Settings(o => o.SslCert = "client.pem");

        Assert.NotEqual(Plan("https://a.test/", strict), Plan("https://a.test/", lax));
        Assert.NotEqual(Plan("https://a.test/", strict), Plan("https://a.test/", withCert));
        Assert.Equal(Plan("https://a.test/", strict), Plan("https://a.test/other", strict));
        Assert.Equal(Plan("http://a.test/", strict), Plan("http://a.test/", lax));
        Assert.Null(Plan("http://a.test/", strict).Tls);
    }

    [Fact]
    public void The_route_holds_the_target_after_ConnectTo_and_differs_from_the_direct_one()
    {
        var moved = ConnectRig.Settings(o => o.ConnectTo = ["a.test:80:b.test:8081"]);

        var route = Plan("http://a.test/", moved);

        Assert.Equal(("a.test", 80), (route.Host, route.Port));
        Assert.Equal(("b.test", 8081), (route.ConnectHost, route.ConnectPort));
        Assert.NotEqual(Plan("http://a.test/", ConnectRig.Settings()), route);
    }

    [Fact]
    public void Proxy_Unix_socket_scheme_and_port_each_make_a_different_route()
    {
        var direct = Plan("http://a.test/", ConnectRig.Settings());

        Assert.NotEqual(direct, Plan("http://a.test/", ConnectRig.Settings(o => o.Proxy = "http://p.test:3128")));
        Assert.NotEqual(direct, Plan("http://a.test/", ConnectRig.Settings(o => o.UnixSocketPath = "/tmp/s")));
        Assert.NotEqual(direct, Plan("http://a.test:81/", ConnectRig.Settings()));
        Assert.NotEqual(direct, Plan("https://a.test:80/", ConnectRig.Settings()));
    }

    [Fact]
    public void An_FTP_route_is_bound_to_its_login_while_HTTP_routes_carry_none()
    {
        var settings = ConnectRig.Settings();

        Assert.NotEqual(Plan("ftp://ann:pw@a.test/", settings), Plan("ftp://bob:pw@a.test/", settings));
        Assert.NotEqual(Plan("ftp://ann:pw@a.test/", settings), Plan("ftp://ann:other@a.test/", settings));
        Assert.Equal(Plan("ftp://ann:pw@a.test/x", settings), Plan("ftp://ann:pw@a.test/y", settings));
        Assert.NotEqual(Plan("ftp://a.test/", settings), Plan("ftp://a.test/", ConnectRig.Settings(o => o.UserPwd = "carl:pw")));
        Assert.Null(Plan("http://ann:pw@a.test/", settings).Login);
        Assert.Equal(Plan("http://ann:pw@a.test/", settings), Plan("http://bob:pw@a.test/", settings));
    }

    // A fresh planner each time, so equality is by value and not the planner's remembered instance.
    private static Route Plan(string url, ConnectSettings settings) => new RoutePlanner().Plan(CurlUrl.Parse(url), settings);
}
