namespace SynthData.Core.Privacy.Randomness;

/// <summary>A stream of independent uniform 64-bit words: the one primitive every random draw of a run is built on.</summary>
public interface IRandomBits
{
    /// <summary>The next uniform 64-bit word.</summary>
    ulong NextUInt64();

    /// <summary>True when the words come from the operating system's cryptographic generator (secret, not replayable).</summary>
    bool IsCryptographic { get; }
}
