using Xunit;

namespace Curlew.Tests.Support;

/// <summary>
/// How the tests judge when a deadline struck: never early (to the timer's resolution: .NET's timers tick every few
/// ms on Linux), and not hugely late. "Late" is generous on purpose: on a loaded 2-core machine a thread may wait
/// seconds for a core, while a deadline that is not enforced at all shows up as the transfer running on to the
/// stalled server's end or the test's hang limit, far beyond this slack.
/// </summary>
public static class Deadline
{
    /// <summary>How early a timer may fire against a separately read clock.</summary>
    public const int TimerResolutionMs = 10;

    /// <summary>How late a deadline may be judged on a loaded machine.</summary>
    public const int LoadSlackMs = 5000;

    /// <summary>Asserts <paramref name="elapsedMs"/> is at least <paramref name="limitMs"/> and at most <see cref="LoadSlackMs"/> past it.</summary>
    public static void AssertStruckAt(long elapsedMs, long limitMs, string what)
    {
        Assert.True(elapsedMs >= limitMs - TimerResolutionMs, $"{what}: gave up after {elapsedMs} ms, before the {limitMs} ms allowed");
        Assert.True(elapsedMs < limitMs + LoadSlackMs, $"{what}: gave up after {elapsedMs} ms, more than {LoadSlackMs} ms past the {limitMs} ms allowed");
    }
}
