using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Curlew.Tests.Differential;

/// <summary>The libcurl side of the harness works on its own (these need no Curlew engine).</summary>
public sealed class LibCurlWrapperTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> AllCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in DiffCases.All) data.Add(c.Name);
            return data;
        }
    }

    /// <summary>Each scenario does on libcurl what its name says (its expected code), independent of Curlew.</summary>
    [Theory]
    [MemberData(nameof(AllCases))]
    public void Scenario_behaves_as_described_on_libcurl(string name)
    {
        var scenario = DiffCases.Find(name).Build(DiffServers.Get());
        var outcome = DiffHarness.RunOne(() => new LibCurlEasy(scenario.Policy), scenario, e => ((LibCurlEasy)e).CallbackErrors);
        output.WriteLine(outcome.Describe());
        Assert.Empty(outcome.CallbackErrors);
        if (scenario.ExpectCode is int expected) Assert.Equal(expected, outcome.Code);
    }

    [Fact]
    public void System_libcurl_loads_and_reports_its_version()
    {
        var version = LibCurlNative.Version;
        Assert.StartsWith("libcurl/", version, StringComparison.Ordinal);
    }

    [Fact]
    public void Libcurl_get_records_open_sockopt_and_a_close_at_cleanup()
    {
        var servers = DiffServers.Get();
        var outcome = DiffHarness.RunOne(() => new LibCurlEasy(), new DiffScenario { Setup = e => e.Url = servers.BaseUrl + "/hello" },
            e => ((LibCurlEasy)e).CallbackErrors);
        var perform = Assert.Single(outcome.Performs);
        Assert.Equal(0, perform.Code);
        Assert.Equal(200, perform.ResponseCode);
        Assert.Equal(1, perform.NumConnects);
        Assert.Equal("127.0.0.1", perform.PrimaryIp);
        Assert.Equal(servers.Port, perform.PrimaryPort);
        Assert.Equal("hello world\n", Encoding.ASCII.GetString(perform.Body));
        Assert.Empty(outcome.CallbackErrors);
        var kinds = outcome.Events.Select(e => e.Kind).ToArray();
        Assert.Equal([SockEventKind.Open, SockEventKind.SockOpt, SockEventKind.Mark, SockEventKind.Mark, SockEventKind.Close], kinds);
        var open = outcome.Events[0];
        Assert.Equal(AddressFamily.InterNetwork, open.Family);
        Assert.Equal(servers.Port, open.Port);
        Assert.Equal((int)SocketType.Stream, open.SockType);
        Assert.Equal((int)ProtocolType.Tcp, open.Protocol);
        // libcurl 8.x shows SOCK_CLOEXEC ORed into the socktype; 7.88.1 does not yet. Either way the masked value is compared.
        Assert.Equal((int)SocketType.Stream, open.SockTypeRaw & ~LibCurlNative.SOCK_CLOEXEC);
    }

    [Fact]
    public void Libcurl_open_callback_rewrite_moves_the_connection()
    {
        var servers = DiffServers.Get();
        var dead = DiffServers.DeadPort();
        var policy = new SocketPolicy { Rewrite = (_, _) => new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, servers.Port) };
        var outcome = DiffHarness.RunOne(() => new LibCurlEasy(policy),
            new DiffScenario { Policy = policy, Setup = e => e.Url = $"http://127.0.0.1:{dead}/hello" }, e => ((LibCurlEasy)e).CallbackErrors);
        var perform = Assert.Single(outcome.Performs);
        Assert.Equal(0, perform.Code);
        Assert.Equal("hello world\n", Encoding.ASCII.GetString(perform.Body));
        Assert.Equal(dead, outcome.Events[0].Port);
        // libcurl 7.88.1 still reports the pre-rewrite target as the primary port (later versions re-read the
        // address after the callback, which is what API.md rule 2 asks of Curlew).
        Assert.Equal(dead, perform.PrimaryPort);
    }
}
