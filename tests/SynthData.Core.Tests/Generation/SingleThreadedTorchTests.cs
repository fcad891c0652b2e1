using SynthData.Core.Generation;
using SynthData.Core.Tests.Model.Training;
using Xunit;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Generation;

/// <summary>libtorch's thread count is process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(TorchThreadCount), DisableParallelization = true)]
public sealed class TorchThreadCount;

[Collection(nameof(TorchThreadCount))]
public sealed class SingleThreadedTorchTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    [Fact]
    public void Overlapping_scopes_hold_one_thread_until_the_last_closes_then_restore_the_count()
    {
        int original = get_num_threads();
        set_num_threads(2);
        try
        {
            var first = SingleThreadedTorch.Enter();
            Assert.Equal(1, get_num_threads());
            var second = SingleThreadedTorch.Enter();
            first.Dispose();
            Assert.Equal(1, get_num_threads()); // the second generation is still sampling
            first.Dispose(); // a scope closes once: a second Dispose must not close the other scope
            Assert.Equal(1, get_num_threads());
            second.Dispose();
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(original);
        }
    }

    [Fact]
    public void Generation_leaves_the_thread_count_as_it_found_it_even_when_stopped_early()
    {
        int original = get_num_threads();
        set_num_threads(2);
        try
        {
            Assert.Equal(3000, new SyntheticTableGenerator(fixture.Model).Generate(3000, seed: 1, chunkRows: 1000).Sum(c => c.RowCount));
            Assert.Equal(2, get_num_threads());
            _ = new SyntheticTableGenerator(fixture.Model).Generate(3000, seed: 1, chunkRows: 1000).First();
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(original);
        }
    }
}
