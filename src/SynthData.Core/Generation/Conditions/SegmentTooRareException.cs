namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// The model gives the segment so little mass that importance resampling cannot be trusted: even at the largest
/// number of latent draws per block the effective sample size stays below the threshold. Raised instead of
/// emitting rows that would all descend from a handful of latents.
/// </summary>
/// <param name="message">The draws made, the effective sample size they reached, and what to try instead.</param>
public sealed class SegmentTooRareException(string message) : UserFacingException(ErrorReason.InvalidInput, message);
