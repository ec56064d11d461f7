using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Transfer;

/// <summary>
/// Allocation ceilings for a keep-alive GET whose body goes to a write callback, on one reused handle (issue 15:
/// at most 256 managed bytes per request). Allocations are deterministic, so they are asserted; time never is.
/// Process-wide counters see every thread, so these run alone, after the parallel tests, against their own nginx.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class KeepAliveAllocationTests(NginxFixture nginx)
{
    private const int Requests = 2000;

    private CurlEasy KeepAliveHandle(Action<long> onBody)
    {
        var easy = new CurlEasy { Url = nginx.Server.BaseUrl + "/small.txt" };
        easy.WriteFunction = (data, _) => { onBody(data.Length); return data.Length; };
        return easy;
    }

    [Fact]
    public void A_keep_alive_GET_with_Perform_allocates_at_most_32_bytes_on_its_thread()
    {
        long bodyBytes = 0;
        using var easy = KeepAliveHandle(n => bodyBytes += n);
        for (int i = 0; i < 100; i++) Assert.Equal(CurlCode.Ok, easy.Perform());   // JIT, the connection, the handle's parts
        // Perform runs wholly on the calling thread (no thread hops), so this thread's count is exactly its cost.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Requests; i++)
            if (easy.Perform() is var code && code != CurlCode.Ok) Assert.Fail($"request {i}: {code} {easy.ErrorMessage}");
        double perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Requests;
        Assert.True(perRequest <= 32, $"Perform allocated {perRequest:F0} B per keep-alive request (ceiling 32)");
        Assert.Equal((Requests + 100L) * NginxServer.SmallText.Length, bodyBytes);
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));   // the same connection throughout
    }

    // Options a keep-alive loop commonly sets, each a path of its own through the request writer.
    private static readonly Dictionary<string, Action<CurlEasy>> CommonOptions = new()
    {
        // A replaced header, an added one, a removed one and an empty one: every kind of line the writer walks.
        ["custom header lines"] = e => e.HttpHeader = ["Accept: text/plain", "X-Trace: 42", "User-Agent:", "X-Empty;"],
        ["Basic credentials"] = e => e.SetOpt(CurlOption.UserPwd, "ann:secret"),
        ["credentials in the URL"] = e => e.Url = e.Url!.Replace("http://", "http://ann:secret@"),
        ["a Range"] = e => e.SetOpt(CurlOption.Range, "0-5"),
        ["a resume offset"] = e => e.SetOpt(CurlOption.ResumeFromLarge, 3L),
        ["a POST of PostFields"] = e => e.SetOpt(CurlOption.PostFields, "name=value"),
        ["a header callback and a User-Agent"] = e => { e.HeaderFunction = static (d, _) => d.Length; e.UserAgent = "probe/1"; },
    };

    public static TheoryData<string> CommonOptionNames => [.. CommonOptions.Keys];

    [Theory]
    [MemberData(nameof(CommonOptionNames))]
    public void A_keep_alive_request_with_common_options_allocates_at_most_32_bytes_on_its_thread(string options)
    {
        long bodyBytes = 0;
        using var easy = KeepAliveHandle(n => bodyBytes += n);
        CommonOptions[options](easy);
        for (int i = 0; i < 100; i++) Assert.Equal(CurlCode.Ok, easy.Perform());
        long expectedBody = bodyBytes / 100;   // nginx answers each the same way (a Range: part of the file)
        Assert.True(expectedBody > 0, $"with {options} the first requests got no body");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Requests; i++)
            if (easy.Perform() is var code && code != CurlCode.Ok) Assert.Fail($"request {i}: {code} {easy.ErrorMessage}");
        double perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Requests;
        Assert.True(perRequest <= 32, $"Perform with {options} allocated {perRequest:F0} B per keep-alive request (ceiling 32)");
        Assert.Equal((Requests + 100L) * expectedBody, bodyBytes);
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));
    }

    [Fact]
    public async Task A_keep_alive_GET_with_PerformAsync_allocates_at_most_256_bytes_in_the_process()
    {
        long bodyBytes = 0;
        using var easy = KeepAliveHandle(n => Interlocked.Add(ref bodyBytes, n));
        for (int i = 0; i < 100; i++) Assert.Equal(CurlCode.Ok, await easy.PerformAsync());
        // Continuations run on pool threads: count the whole process (nothing else runs in this collection).
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Requests; i++)
            if (await easy.PerformAsync() is var code && code != CurlCode.Ok) Assert.Fail($"request {i}: {code} {easy.ErrorMessage}");
        double perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Requests;
        Assert.True(perRequest <= 256, $"PerformAsync allocated {perRequest:F0} B per keep-alive request (ceiling 256)");
        Assert.Equal((Requests + 100L) * NginxServer.SmallText.Length, Interlocked.Read(ref bodyBytes));
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));
    }

    [Fact]
    public async Task A_keep_alive_GET_with_PerformAsync_and_a_timeout_allocates_at_most_256_bytes_in_the_process()
    {
        long bodyBytes = 0;
        using var easy = KeepAliveHandle(n => Interlocked.Add(ref bodyBytes, n));
        easy.TimeoutMs = 60_000;   // arms a deadline timer in every perform: it must not cost a source and a timer each time
        for (int i = 0; i < 100; i++) Assert.Equal(CurlCode.Ok, await easy.PerformAsync());
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Requests; i++)
            if (await easy.PerformAsync() is var code && code != CurlCode.Ok) Assert.Fail($"request {i}: {code} {easy.ErrorMessage}");
        double perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Requests;
        Assert.True(perRequest <= 256, $"PerformAsync with TimeoutMs allocated {perRequest:F0} B per keep-alive request (ceiling 256)");
        Assert.Equal((Requests + 100L) * NginxServer.SmallText.Length, Interlocked.Read(ref bodyBytes));
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));
    }

    [Fact]
    public void Options_changed_between_kept_alive_performs_take_effect_on_the_next_one()
    {
        long first = 0, second = 0;
        using var easy = KeepAliveHandle(n => first += n);
        Assert.Equal(CurlCode.Ok, easy.Perform());
        Assert.Equal(CurlCode.Ok, easy.Perform());
        easy.NoBody = true;   // a HEAD now: the kept handler must not serve it with the GET's settings
        Assert.Equal(CurlCode.Ok, easy.Perform());
        Assert.Equal("HEAD", easy.GetInfoString(CurlInfo.EffectiveMethod));
        Assert.Equal(2L * NginxServer.SmallText.Length, first);
        easy.NoBody = false;
        easy.WriteFunction = (data, _) => { second += data.Length; return data.Length; };   // a new sink
        Assert.Equal(CurlCode.Ok, easy.Perform());
        Assert.Equal("GET", easy.GetInfoString(CurlInfo.EffectiveMethod));
        Assert.Equal(2L * NginxServer.SmallText.Length, first);
        Assert.Equal(NginxServer.SmallText.Length, second);
        Assert.Equal(NginxServer.SmallText.Length, easy.GetInfoLong(CurlInfo.SizeDownloadT));
    }
}

/// <summary>Allocation counts are process-wide, so these tests run alone, after the parallel ones, with an nginx of their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection : ICollectionFixture<NginxFixture>
{
    public const string Name = "allocation ceilings";
}
