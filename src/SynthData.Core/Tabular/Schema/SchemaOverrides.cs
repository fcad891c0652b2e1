namespace SynthData.Core.Tabular.Schema;

/// <summary>The columns a schema file declares, in file order.</summary>
/// <param name="SourceFile">The schema file, for error messages.</param>
public sealed record SchemaOverrides(string SourceFile, IReadOnlyList<ColumnOverride> Columns)
{
    public ColumnOverride? this[string name] => Columns.FirstOrDefault(c => c.Name == name);
}
