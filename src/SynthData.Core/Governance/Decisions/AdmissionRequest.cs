using SynthData.Core.Tabular;

namespace SynthData.Core.Governance.Decisions;

/// <summary>What admission looks at: the requested guarantee, the number of rows training will see (N of the guarantee), the schema, and the budget after this run.</summary>
/// <param name="Epsilon">The epsilon requested for this run.</param>
/// <param name="Delta">The delta requested for this run.</param>
/// <param name="Rows">N: rows training will see.</param>
/// <param name="Schema">The table's schema; its PII kinds are checked against the policy.</param>
/// <param name="LifetimeEpsilonIfAdmitted">The dataset's lifetime epsilon composing every earlier run with this one (null: not checked here, e.g. the ledger reserves it).</param>
public sealed record AdmissionRequest(double Epsilon, double Delta, long Rows, TableSchema Schema, double? LifetimeEpsilonIfAdmitted = null);
