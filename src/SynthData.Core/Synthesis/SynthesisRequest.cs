using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Synthesis;

/// <summary>Everything the one-command job needs: the table, the policy, the training settings and where outputs go.</summary>
public sealed record SynthesisRequest
{
    public required TrainingInput Input { get; init; }
    public required ReleasePolicy Policy { get; init; }
    public required TrainingConfiguration Training { get; init; }
    /// <summary>Synthetic rows to write; null writes as many as the source table has.</summary>
    public long? Rows { get; init; }
    public required string OutputPath { get; init; }
    public required string ReportDirectory { get; init; }
    public required string LedgerPath { get; init; }
    public int Canaries { get; init; } = 100;
    public int GenerationSeed { get; init; }
    public ReviewerApproval? Reviewer { get; init; }
}
