namespace SynthData.Core.Governance.Decisions;

/// <summary>When a policy decision is made: before training or before release.</summary>
public enum DecisionStage
{
    /// <summary>Before any private row is read for training.</summary>
    Admission,
    /// <summary>After the audit, before synthetic data leaves.</summary>
    Release,
}

/// <summary>A policy's allow/deny with every reason (plain sentences with figures, never a data value).</summary>
/// <param name="Stage">Admission or release.</param>
/// <param name="Allowed">True when no rule denies.</param>
/// <param name="Reasons">Every denial (or a pass note), then notes that do not deny.</param>
/// <param name="PolicyId">The policy applied.</param>
/// <param name="PolicyVersion">Its version, so the decision can be traced to the exact rules.</param>
/// <param name="DecidedUtc">When the decision was made.</param>
public sealed record PolicyDecision(DecisionStage Stage, bool Allowed, IReadOnlyList<string> Reasons, string PolicyId, int PolicyVersion, DateTimeOffset DecidedUtc);
