using SynthData.Api.V1;

namespace SynthData.Client;

/// <summary>A generated Parquet file received whole: the server's header (with the governance metadata) and its verified summary.</summary>
public sealed record GeneratedFile(GenerationHeader Header, GenerationSummary Summary)
{
    /// <summary>The JSON the file's footer carries under "synthdata.governance".</summary>
    public string GovernanceJson => Header.GovernanceJson;
    /// <summary>The guarantee, policy and model named in <see cref="GovernanceJson"/>.</summary>
    public GovernanceFacts Governance => GovernanceFacts.Parse(Header.GovernanceJson);
    public long Rows => Summary.Rows;
    public long Bytes => Summary.Bytes;
    public string Sha256 => Summary.Sha256;
}
