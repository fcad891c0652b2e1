using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Drift;

namespace SynthData.Server.Lifecycle;

/// <summary>What a finished drift check stores and answers: DP outputs only (the cost, the per-column figures, the verdict).</summary>
public sealed record DriftCheckResult(double Epsilon, double Delta, double LifetimeEpsilonAfter, IReadOnlyList<ColumnDrift> Columns,
    bool RetrainRecommended, string Recommendation)
{
    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);

    public static DriftCheckResult? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<DriftCheckResult>(json, SynthDataJson.Options);
}
