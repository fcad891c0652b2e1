namespace SynthData.Core.Privacy.Accounting;

/// <summary>The outcome of noise calibration for DP-SGD.</summary>
/// <param name="NoiseMultiplier">The smallest noise multiplier found (to the calibrator's relative tolerance) meeting the target.</param>
/// <param name="SamplingRate">Poisson sampling rate q of each step.</param>
/// <param name="Steps">Number of DP-SGD steps T.</param>
/// <param name="Guarantee">The tight accountant's guarantee for preprocessing plus training at this noise.</param>
/// <param name="Evaluations">How many accountant evaluations the search took.</param>
public sealed record CalibratedNoise(double NoiseMultiplier, double SamplingRate, long Steps, PrivacyGuarantee Guarantee, int Evaluations)
{
    /// <summary>The training event to record in the ledger: T Poisson-sampled Gaussian steps.</summary>
    public PrivacyEvent TrainingEvent => NoiseCalibrator.TrainingEvent(SamplingRate, NoiseMultiplier, Steps);
}
