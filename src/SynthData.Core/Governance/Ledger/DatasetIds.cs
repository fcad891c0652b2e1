using System.Security.Cryptography;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// Public dataset ids: "ds_" and 26 base32 characters of 128 random bits. Random, never derived from the content,
/// so an id confirms nothing about which table it names.
/// </summary>
public static class DatasetIds
{
    const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A fresh random id, e.g. "ds_" followed by 26 lowercase base32 characters.</summary>
    public static string New()
    {
        var bits = RandomNumberGenerator.GetBytes(16);
        var text = new char[26];
        for (int i = 0; i < text.Length; i++)
        {
            // Character i holds bits 5i .. 5i+4 (the last one only the 3 remaining bits).
            int bit = 5 * i, value = 0;
            for (int b = 0; b < 5; b++, bit++)
                value = (value << 1) | (bit < 128 ? (bits[bit >> 3] >> (7 - (bit & 7))) & 1 : 0);
            text[i] = Alphabet[value];
        }
        return "ds_" + new string(text);
    }
}
