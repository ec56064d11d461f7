using Xunit;

namespace Curlew.Tests.Support;

/// <summary>
/// Tests whose assertion is about waiting (answers taken within a spin's 50 µs, a goodbye that must not be waited
/// out) run alone, after the parallel ones: on a two-core machine the load of a hundred other tests would otherwise
/// decide them, as a full run did (3 of 300 answers in time where 293-295 are when the machine is not saturated).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WaitSensitiveCollection
{
    public const string Name = "wait-sensitive";
}
