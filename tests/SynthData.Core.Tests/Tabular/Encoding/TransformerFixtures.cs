using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Tabular.Encoding;

/// <summary>Small in-memory tables with fixed seeds for the transformer tests.</summary>
static class TransformerFixtures
{
    public static readonly ColumnSchema Id = new() { Name = "id", Kind = ColumnKind.Identifier };
    public static readonly ColumnSchema Score = new() { Name = "score", Kind = ColumnKind.Continuous, Min = 0, Max = 100 };
    public static readonly ColumnSchema Count = new() { Name = "count", Kind = ColumnKind.Integer };
    public static readonly ColumnSchema When = new() { Name = "when", Kind = ColumnKind.DateTime };
    public static readonly ColumnSchema Colour = new() { Name = "colour", Kind = ColumnKind.Categorical, Categories = ["red", "green", "blue"] };
    public static readonly ColumnSchema Flag = new() { Name = "flag", Kind = ColumnKind.Boolean };
    public static readonly ColumnSchema Income = new() { Name = "income", Kind = ColumnKind.Continuous, Nullable = true };
    public static readonly ColumnSchema Job = new() { Name = "job", Kind = ColumnKind.Categorical, Nullable = true };

    public static TableSchema Schema => new([Id, Score, Count, When, Colour, Flag, Income, Job]);

    /// <summary>n rows: income missing in about 30% of rows, job missing in about 20%; one row has a unique job label.</summary>
    public static TabularData Table(int n, int seed)
    {
        var rng = new Random(seed);
        var id = new string?[n];
        var score = new double[n];
        var count = new double[n];
        var when = new double[n];
        var colour = new string?[n];
        var flag = new string?[n];
        var income = new double[n];
        var job = new string?[n];
        string[] colours = ["red", "green", "blue", "purple"];
        string[] jobs = ["admin", "technician", "services"];
        for (int r = 0; r < n; r++)
        {
            id[r] = $"row{r}";
            score[r] = 100 * rng.NextDouble() * rng.NextDouble();
            count[r] = Math.Floor(-10 * Math.Log(1 - rng.NextDouble()));
            when[r] = 1_600_000_000 + Math.Floor(86_400 * 365 * rng.NextDouble());
            colour[r] = colours[rng.Next(colours.Length)];
            flag[r] = rng.NextDouble() < 0.3 ? "yes" : "no";
            income[r] = rng.NextDouble() < 0.3 ? double.NaN : Math.Round(20_000 + 60_000 * rng.NextDouble(), 2);
            job[r] = rng.NextDouble() < 0.2 ? null : jobs[rng.Next(jobs.Length)];
        }
        job[n / 2] = "unique-secret-job";
        return new TabularData(Schema, [id, score, count, when, colour, flag, income, job]);
    }

    /// <summary>Fails the test if a step that should read no private rows draws DP noise.</summary>
    public sealed class ForbiddenNoise : INoiseSource
    {
        public bool IsCryptographic => false;
        public void FillStandardNormal(Span<double> destination) => throw new InvalidOperationException("No noise expected.");
    }
}
