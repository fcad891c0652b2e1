namespace SynthData.Core.Tabular.Schema;

/// <summary>The columns a schema file declares, in file order.</summary>
/// <param name="SourceFile">The schema file, for error messages.</param>
/// <param name="Columns">The declared columns.</param>
public sealed record SchemaOverrides(string SourceFile, IReadOnlyList<ColumnOverride> Columns)
{
    /// <summary>The declaration for the column <paramref name="name"/>, or null when the file does not declare it.</summary>
    public ColumnOverride? this[string name] => Columns.FirstOrDefault(c => c.Name == name);
}
