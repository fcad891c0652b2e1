using SynthData.Core.Governance.Decisions;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Synthesis;

/// <summary>
/// A prepared run and its admission: the source (with the ledger's random dataset id), the plan, the decision, and,
/// for an admitted private run, its reservation. A non-private run has no reservation: it spends nothing.
/// </summary>
/// <param name="Source">The split source table, carrying the ledger's dataset id.</param>
/// <param name="Plan">The run's privacy plan.</param>
/// <param name="Admission">The policy's decision (a non-private baseline is always admitted).</param>
/// <param name="Reservation">The admitted private run's reservation; null for a baseline or a refused run.</param>
public sealed record LedgeredRun(SourceTable Source, PrivacyPlan Plan, PolicyDecision Admission, TrainingAdmission? Reservation)
{
    /// <summary>The ledger's random public id for the table.</summary>
    public string DatasetId => Source.DatasetId!;
    /// <summary>Whether the run may train.</summary>
    public bool Allowed => Admission.Allowed;
}
