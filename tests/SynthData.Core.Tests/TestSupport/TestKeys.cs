namespace SynthData.Core.Tests.TestSupport;

/// <summary>A fixed fingerprint key for tests that do not exercise the key store (tests of identity make their own).</summary>
public static class TestKeys
{
    public static byte[] Fingerprint { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
}
