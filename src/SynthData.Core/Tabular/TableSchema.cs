namespace SynthData.Core.Tabular;

/// <summary>The ordered columns of a table.</summary>
/// <param name="Columns">The columns, in table order.</param>
public sealed record TableSchema(IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>The column named <paramref name="name"/>; throws when there is none.</summary>
    public ColumnSchema this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No column named '{name}' in the schema.");

    /// <summary>Columns whose structure was inferred from the private rows rather than declared in a schema file.</summary>
    public IReadOnlyList<string> InferredColumns => Columns.Where(c => !c.Declared).Select(c => c.Name).ToArray();

    /// <summary>The position of the column named <paramref name="name"/>, or -1 when there is none.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }
}
