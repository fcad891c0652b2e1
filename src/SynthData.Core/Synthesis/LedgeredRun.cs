using SynthData.Core.Governance.Decisions;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Synthesis;

/// <summary>
/// A prepared run and its admission: the source (with the ledger's random dataset id), the plan, the decision, and,
/// for an admitted private run, its reservation. A non-private run has no reservation: it spends nothing.
/// </summary>
public sealed record LedgeredRun(SourceTable Source, PrivacyPlan Plan, PolicyDecision Admission, TrainingAdmission? Reservation)
{
    public string DatasetId => Source.DatasetId!;
    public bool Allowed => Admission.Allowed;
}
