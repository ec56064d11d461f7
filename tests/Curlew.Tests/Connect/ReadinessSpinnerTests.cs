using System.Net;
using System.Net.Sockets;
using Curlew.Connect.Tcp;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// The short wait for an answer before a synchronous receive sleeps: it reports readiness at once when bytes are
/// queued, gives up when nothing comes, and backs off (1, 2, 4, ... receives without spinning) while the peer keeps
/// missing the budget, until an answer in time resets it. Real connected TCP sockets on loopback.
/// </summary>
public sealed class ReadinessSpinnerTests : IDisposable
{
    private readonly Socket _client, _server;

    public ReadinessSpinnerTests()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
    }

    public void Dispose() { _client.Dispose(); _server.Dispose(); }

    private void Answer() { _server.Send("x"u8); WaitQueued(); }

    // Loopback delivery is immediate in practice, but wait for the byte to be queued rather than assume it.
    private void WaitQueued()
    {
        Assert.True(_client.Poll(5_000_000, SelectMode.SelectRead), "the answer never reached the client socket");
    }

    private void Drain() { Span<byte> b = stackalloc byte[16]; while (_client.Available > 0) _client.Receive(b); }

    [Fact]
    public void Queued_bytes_are_seen_at_once()
    {
        var spinner = new ReadinessSpinner();
        Answer();
        Assert.Equal(SpinOutcome.Readable, spinner.SpinUntilReadable(_client));
    }

    [Fact]
    public void Nothing_coming_is_a_miss()
    {
        var spinner = new ReadinessSpinner();
        Assert.Equal(SpinOutcome.Missed, spinner.SpinUntilReadable(_client));
    }

    [Fact]
    public void A_closed_peer_counts_as_readable_so_the_receive_reports_it()
    {
        var spinner = new ReadinessSpinner();
        _server.Shutdown(SocketShutdown.Send);
        WaitQueued();
        Assert.Equal(SpinOutcome.Readable, spinner.SpinUntilReadable(_client));
    }

    [Fact]
    public void Misses_double_the_receives_that_skip_the_spin_and_a_hit_resets_them()
    {
        var spinner = new ReadinessSpinner();
        Assert.Equal(SpinOutcome.Missed, spinner.SpinUntilReadable(_client));    // miss 1: skip the next one
        Answer();
        Assert.Equal(SpinOutcome.Skipped, spinner.SpinUntilReadable(_client));   // skipped although bytes are there
        Drain();
        Assert.Equal(SpinOutcome.Missed, spinner.SpinUntilReadable(_client));    // miss 2: skip the next two
        Answer();
        Assert.Equal(SpinOutcome.Skipped, spinner.SpinUntilReadable(_client));
        Assert.Equal(SpinOutcome.Skipped, spinner.SpinUntilReadable(_client));
        Assert.Equal(SpinOutcome.Readable, spinner.SpinUntilReadable(_client));  // a hit: back to spinning every time
        Drain();
        Assert.Equal(SpinOutcome.Missed, spinner.SpinUntilReadable(_client));    // a fresh miss skips one again, not four
        Answer();
        Assert.Equal(SpinOutcome.Skipped, spinner.SpinUntilReadable(_client));
        Assert.Equal(SpinOutcome.Readable, spinner.SpinUntilReadable(_client));
    }

    [Fact]
    public void The_back_off_stops_growing_at_its_cap()
    {
        var spinner = new ReadinessSpinner();
        var gaps = new List<int>();
        int skippedInARow = 0;
        while (gaps.Count < 12)   // nothing ever comes: gaps of 1, 2, 4, ... skipped receives between misses
        {
            if (spinner.SpinUntilReadable(_client) == SpinOutcome.Skipped) { skippedInARow++; continue; }
            if (skippedInARow > 0 || gaps.Count > 0) gaps.Add(skippedInARow);
            skippedInARow = 0;
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 256, 256], gaps.Take(11));
        Assert.All(gaps, g => Assert.True(g <= ReadinessSpinner.MaxSkip));
    }
}
