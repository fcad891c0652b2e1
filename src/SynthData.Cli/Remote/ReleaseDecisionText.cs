using SynthData.Api.V1;

namespace SynthData.Cli.Remote;

/// <summary>A policy decision in plain lines: allowed or not, under which policy, and every failed rule.</summary>
public static class ReleaseDecisionText
{
    public static void Print(TextWriter stdout, PolicyDecision? decision)
    {
        if (decision is null) return;
        stdout.WriteLine($"{ProtoNames.Of(decision.Stage)} decision: {(decision.Allowed ? "allowed" : "not allowed")} under policy {decision.PolicyId} v{decision.PolicyVersion}");
        foreach (var reason in decision.Reasons) stdout.WriteLine($"  - {reason}");
    }
}
