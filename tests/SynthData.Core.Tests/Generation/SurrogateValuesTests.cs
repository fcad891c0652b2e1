using SynthData.Core.Generation;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Generation;

public class SurrogateValuesTests
{
    static ColumnSchema Column(ColumnKind kind, PiiKind pii = PiiKind.None) => new() { Name = "c", Kind = kind, Pii = pii };

    [Fact]
    public void IdentifiersAreUniqueAcrossChunks()
    {
        var surrogates = new SurrogateValues(1);
        var first = surrogates.Make(Column(ColumnKind.Identifier), 0, 1000);
        var second = surrogates.Make(Column(ColumnKind.Identifier), 1000, 1000);
        Assert.Equal(2000, first.Concat(second).Distinct().Count());
    }

    [Theory]
    [InlineData(PiiKind.Email, "@example.com")]
    [InlineData(PiiKind.Phone, "+1-555-01")]
    [InlineData(PiiKind.Address, "Exampletown")]
    public void PiiSurrogatesUseReservedFictionalForms(PiiKind kind, string marker)
    {
        var values = new SurrogateValues(2).Make(Column(ColumnKind.Pii, kind), 0, 50);
        Assert.All(values, v => Assert.Contains(marker, v));
    }

    [Fact]
    public void SameSeedSameValues()
    {
        var a = new SurrogateValues(9).Make(Column(ColumnKind.Pii, PiiKind.Name), 0, 20);
        var b = new SurrogateValues(9).Make(Column(ColumnKind.Pii, PiiKind.Name), 0, 20);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ModelledColumnsHaveNoSurrogates() =>
        Assert.Throws<ArgumentException>(() => new SurrogateValues(1).Make(Column(ColumnKind.Continuous), 0, 1));
}
