namespace SynthData.Core.Tabular;

/// <summary>The ordered columns of a table.</summary>
public sealed record TableSchema(IReadOnlyList<ColumnSchema> Columns)
{
    public ColumnSchema this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No column named '{name}' in the schema.");

    /// <summary>Columns whose structure was inferred from the private rows rather than declared in a schema file.</summary>
    public IReadOnlyList<string> InferredColumns => Columns.Where(c => !c.Declared).Select(c => c.Name).ToArray();

    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }
}
