using Xunit;

namespace Curlew.Tests.Support;

/// <summary>
/// Tests whose assertion is about how long something waited (a goodbye that must not be waited out) run alone, after
/// the parallel ones: on a two-core machine the load of a hundred other tests would otherwise decide them, as a full
/// run did (a multi's Perform done 1.6 s after a QUIT, where it takes milliseconds when the machine is not saturated).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WaitSensitiveCollection
{
    public const string Name = "wait-sensitive";
}
