namespace SynthData.Core.Privacy;

/// <summary>One entry of a run's privacy ledger: which step read private rows, and what it cost.</summary>
/// <param name="Name">Stable machine name, e.g. "dp_sgd" or "category_histogram:job".</param>
/// <param name="Description">Plain-words account of what ran (never a data value).</param>
/// <param name="Event">The mechanism as a privacy event the accountants can compose.</param>
public sealed record MechanismRecord(string Name, string Description, PrivacyEvent Event);
