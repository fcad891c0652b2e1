namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// The model gives the segment so little mass that importance resampling cannot be trusted: even at the largest
/// number of latent draws per block the effective sample size stays below the threshold. Raised instead of
/// emitting rows that would all descend from a handful of latents.
/// </summary>
public sealed class SegmentTooRareException(string message) : UserFacingException(ErrorReason.InvalidInput, message);
