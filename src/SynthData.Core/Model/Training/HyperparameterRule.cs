namespace SynthData.Core.Model.Training;

/// <summary>
/// The defaults a run takes for the options its caller left unset, from public facts only (the training row count
/// N; epsilon and the schema enter through <see cref="PrivacyPlan.Create"/>'s preprocessing share). An explicit
/// option always wins. The rule, and the experiment it was read from (README, issue 14 section):
/// <list type="bullet">
/// <item>Network size: hidden widths <see cref="SmallWidth"/> below <see cref="MediumRows"/> training rows,
/// <see cref="MediumWidth"/> below <see cref="LargeRows"/>, <see cref="LargeWidth"/> from there (latent 8, 16, 16).
/// DP-SGD adds noise of the same scale to every parameter while the clipped signal is spread over all of them, so
/// each parameter's signal-to-noise ratio falls as the square root of the parameter count; at a few thousand rows the
/// 128-wide network has ~8x the parameters of a 32-wide one and its noise buries what the rows say.</item>
/// <item>Batch size: N/32 within [64, 1024] (unchanged; on german-credit at epsilon 3 a batch of 400 (q = 0.5)
/// did no better than 64).</item>
/// <item>Epochs 30 and learning rate 0.003 at every size: 60 or 100 epochs and a rate of 0.01 did no better.</item>
/// </list>
/// Large tables (N of <see cref="LargeRows"/> and more, bank-full's 36,000 training rows) keep the sizes they had.
/// </summary>
public static class HyperparameterRule
{
    /// <summary>Below this many training rows the network is <see cref="SmallWidth"/> wide.</summary>
    public const long MediumRows = 2_000;
    /// <summary>Below this many training rows (and from <see cref="MediumRows"/>) the network is <see cref="MediumWidth"/> wide.</summary>
    public const long LargeRows = 8_000;
    /// <summary>Hidden width for the smallest tables.</summary>
    public const int SmallWidth = 32;
    /// <summary>Hidden width for tables between <see cref="MediumRows"/> and <see cref="LargeRows"/> training rows.</summary>
    public const int MediumWidth = 64;
    /// <summary>Hidden width for large tables: TVAE's 128.</summary>
    public const int LargeWidth = 128;

    /// <summary>The expected batch size for N training rows: N/32 within [64, 1024].</summary>
    public static int BatchSizeFor(long trainingRows) => (int)Math.Clamp(trainingRows / 32, 64, 1024);

    /// <summary>The network's sizes for N training rows: two hidden layers each side, narrower (and a smaller latent) on small tables.</summary>
    public static VaeOptions ModelFor(long trainingRows)
    {
        int width = trainingRows < MediumRows ? SmallWidth : trainingRows < LargeRows ? MediumWidth : LargeWidth;
        return new VaeOptions { EncoderHidden = [width, width], DecoderHidden = [width, width], LatentDim = width == SmallWidth ? 8 : 16 };
    }
}
