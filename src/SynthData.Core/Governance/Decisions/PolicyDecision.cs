namespace SynthData.Core.Governance.Decisions;

public enum DecisionStage
{
    /// <summary>Before any private row is read for training.</summary>
    Admission,
    /// <summary>After the audit, before synthetic data leaves.</summary>
    Release,
}

/// <summary>A policy's allow/deny with every reason (plain sentences with figures, never a data value).</summary>
public sealed record PolicyDecision(DecisionStage Stage, bool Allowed, IReadOnlyList<string> Reasons, string PolicyId, int PolicyVersion, DateTimeOffset DecidedUtc);
