namespace SynthData.Core.Tabular;

/// <summary>The ordered columns of a table.</summary>
public sealed record TableSchema(IReadOnlyList<ColumnSchema> Columns)
{
    public ColumnSchema this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No column named '{name}' in the schema.");

    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }
}
