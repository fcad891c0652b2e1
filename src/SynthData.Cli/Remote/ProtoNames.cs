using Google.Protobuf.Reflection;

namespace SynthData.Cli.Remote;

/// <summary>An API enum value in plain words: its proto name without the type prefix, lower case ("RELEASE_STATE_AWAITING_REVIEW" reads "awaiting review").</summary>
public static class ProtoNames
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        string name = value.GetType().GetField(value.ToString())?.GetCustomAttributes(typeof(OriginalNameAttribute), false)
            is [OriginalNameAttribute attribute, ..] ? attribute.Name : value.ToString();
        string prefix = string.Concat(typeof(T).Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant() + "_";
        if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        return name.Replace('_', ' ').ToLowerInvariant();
    }
}
