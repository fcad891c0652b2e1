using Google.Protobuf;

namespace SynthData.Cli.Remote;

/// <summary>Server messages as JSON for --json: the proto field names (snake_case, like the rest of the CLI's JSON), enums as names.</summary>
public static class ProtoJson
{
    static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    public static string Format(IMessage message) => Formatter.Format(message);
}
