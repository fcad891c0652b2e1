namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Turns a (possibly composed) privacy event into an (epsilon, delta) guarantee, either way round: the
/// epsilon at a delta, or the delta at an epsilon (in the manner of dp_accounting's accountants).
/// </summary>
public interface IPrivacyAccountant
{
    /// <summary>Short name recorded with every guarantee it certifies, e.g. "rdp" or "pld".</summary>
    string Name { get; }

    /// <summary>Whether this accountant can interpret the event's shape (values are checked when it computes).</summary>
    bool Supports(PrivacyEvent privacyEvent);

    /// <summary>The smallest epsilon this accountant can certify for the event at the given delta.</summary>
    PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta);

    /// <summary>An upper bound on delta at the given epsilon (threshold events' deltas included), at most 1.</summary>
    double GetDelta(PrivacyEvent privacyEvent, double epsilon);
}

/// <param name="Epsilon">A valid upper bound on epsilon (already including any discretisation error).</param>
/// <param name="Delta">The delta it holds at.</param>
/// <param name="Accountant">Which accountant certified it.</param>
/// <param name="EpsilonError">How far above the exact epsilon the figure may be (0 for analytic bounds).</param>
public sealed record PrivacyGuarantee(double Epsilon, double Delta, string Accountant, double EpsilonError);
