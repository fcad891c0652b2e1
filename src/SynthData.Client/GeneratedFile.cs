using SynthData.Api.V1;

namespace SynthData.Client;

/// <summary>A generated Parquet file received whole: the server's header (with the governance metadata) and its verified summary.</summary>
/// <param name="Header">The first message of the stream: format, row count asked for and governance metadata.</param>
/// <param name="Summary">The last message: rows, length and SHA-256, already checked against the bytes received.</param>
public sealed record GeneratedFile(GenerationHeader Header, GenerationSummary Summary)
{
    /// <summary>The JSON the file's footer carries under "synthdata.governance".</summary>
    public string GovernanceJson => Header.GovernanceJson;
    /// <summary>The guarantee, policy and model named in <see cref="GovernanceJson"/>.</summary>
    public GovernanceFacts Governance => GovernanceFacts.Parse(Header.GovernanceJson);
    /// <summary>Rows in the file, as the server's summary states.</summary>
    public long Rows => Summary.Rows;
    /// <summary>The file's length in bytes (matches what was received).</summary>
    public long Bytes => Summary.Bytes;
    /// <summary>The file's SHA-256 as hex (matches what was received).</summary>
    public string Sha256 => Summary.Sha256;
}
