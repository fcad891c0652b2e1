using System.Globalization;
using System.Text;

namespace SynthData.Server.Validation;

/// <summary>
/// Caller-supplied text made safe to quote in a reply or a log line: control characters become visible escapes
/// (a newline in an id must not forge a second log line) and the text is cut to a short prefix (a 100 KB id must
/// not become a 100 KB grpc-message trailer).
/// </summary>
public static class SafeText
{
    public const int QuotedLength = 32;

    public static string Quote(string text) => Escape(text.Length <= QuotedLength ? text : text[..QuotedLength] + "…");

    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
