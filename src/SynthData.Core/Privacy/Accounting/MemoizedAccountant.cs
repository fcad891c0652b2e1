using System.Globalization;
using System.Text.Json;

namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// An accountant that remembers its answers. An accountant is a pure function of the event and delta, and a ledger
/// asks the same question over and over: every admission composes the dataset's whole history plus the new run, and
/// once a budget is used up every refused request asks the identical one. Concurrent askers of one question share one
/// computation. Bounded: past the capacity the oldest answers are forgotten.
/// </summary>
public sealed class MemoizedAccountant(IPrivacyAccountant inner, int capacity = 256) : IPrivacyAccountant
{
    readonly Memo<PrivacyGuarantee> _answers = new(capacity);

    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <inheritdoc/>
    public bool Supports(PrivacyEvent privacyEvent) => inner.Supports(privacyEvent);

    /// <inheritdoc/>
    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta) =>
        _answers.Get(JsonSerializer.Serialize(privacyEvent, SynthDataJson.Compact) + "@" + delta.ToString("R", CultureInfo.InvariantCulture),
            () => inner.GetEpsilon(privacyEvent, delta));

    /// <inheritdoc/>
    public double GetDelta(PrivacyEvent privacyEvent, double epsilon) => inner.GetDelta(privacyEvent, epsilon);

    /// <summary>How many answers are held (for tests).</summary>
    public int Count => _answers.Count;
}
