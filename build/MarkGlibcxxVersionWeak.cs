using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the Vernaux entry named <see cref="VersionName"/> in the .gnu.version_r
/// section of every libLibTorchSharp.so below the given folders, when the system libstdc++ does not
/// define that version. A weak version requirement lets the dynamic loader accept a library that
/// lacks it, instead of refusing to load the wrapper.
/// </summary>
public class MarkGlibcxxVersionWeak : Task
{
    const string LibraryName = "libLibTorchSharp.so";
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public string[] Directories { get; set; } = Array.Empty<string>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        var libraries = Directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, LibraryName, SearchOption.AllDirectories))
            .ToList();
        if (libraries.Count == 0) return true;
        if (SystemLibstdcxxDefines(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ defines {VersionName}; {LibraryName} left as is.");
            return true;
        }
        foreach (var path in libraries)
        {
            try
            {
                var outcome = MarkWeak(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Could not mark {VersionName} weak in {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    static bool SystemLibstdcxxDefines(string version)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        var found = candidates.FirstOrDefault(File.Exists);
        if (found == null) return true; // not a glibc system we know: leave the library untouched
        // A library that defines a symbol version carries its name, NUL-terminated, in .dynstr.
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(found);
        return IndexOf(bytes, needle) >= 0;
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    /// <summary>Returns what it did: "marked weak", "already weak" or "no requirement".</summary>
    public static string MarkWeak(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = BitConverter.ToInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
            int count = (int)BitConverter.ToUInt32(elf, (int)sh + 0x2C);
            long strtab = BitConverter.ToInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);

            long verneed = offset;
            for (int n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)verneed + 2);
                long aux = verneed + BitConverter.ToUInt32(elf, (int)verneed + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == version)
                    {
                        int flagsAt = (int)aux + 4;
                        ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                        if ((flags & VerFlgWeak) != 0) return "already weak";
                        flags |= VerFlgWeak;
                        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                        {
                            file.Position = flagsAt;
                            file.Write(BitConverter.GetBytes(flags), 0, 2);
                        }
                        return "marked weak";
                    }
                    uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BitConverter.ToUInt32(elf, (int)verneed + 12);
                if (next == 0) break;
                verneed += next;
            }
        }
        return "no requirement";
    }

    static string ReadCString(byte[] bytes, long at)
    {
        int end = (int)at;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)at, end - (int)at);
    }
}
