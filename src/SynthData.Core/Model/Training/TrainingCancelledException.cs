using SynthData.Core.Privacy;

namespace SynthData.Core.Model.Training;

/// <summary>
/// A run stopped by cancellation between steps. It carries what the run consumed (preprocessing and
/// the steps actually taken) so the budget ledger charges exactly that, never less.
/// </summary>
public sealed class TrainingCancelledException(long stepsTaken, IReadOnlyList<MechanismRecord> consumed)
    : OperationCanceledException($"Training was cancelled after {stepsTaken} steps.")
{
    /// <summary>Steps completed before the cancellation.</summary>
    public long StepsTaken { get; } = stepsTaken;
    /// <summary>Every mechanism that read private rows before the stop: what the ledger must charge.</summary>
    public IReadOnlyList<MechanismRecord> Consumed { get; } = consumed;
}
