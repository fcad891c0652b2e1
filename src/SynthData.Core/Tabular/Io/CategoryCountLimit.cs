namespace SynthData.Core.Tabular.Io;

/// <summary>
/// Holds every categorical column to <see cref="TableLimits.MaxCategoriesPerColumn"/> distinct labels, declared in the
/// schema or read from the rows: the encoder's DP histogram has one bin per label. Read labels are counted by 64-bit
/// hashes, so at most the limit's count of hashes is held per column, never a label.
/// </summary>
public sealed class CategoryCountLimit
{
    readonly string _path;
    readonly int _limit;
    readonly TableSchema _schema;
    readonly HashSet<ulong>?[] _seen;

    /// <summary>Checks the declared category lists now; <see cref="Add"/> counts the rows' labels.</summary>
    public CategoryCountLimit(string path, TableSchema schema, TableLimits limits)
    {
        _path = path;
        _schema = schema;
        _limit = limits.MaxCategoriesPerColumn;
        _seen = new HashSet<ulong>?[schema.Columns.Count];
        for (int c = 0; c < _seen.Length; c++)
        {
            var column = schema.Columns[c];
            if (column.Categories is { } declared && declared.Count > _limit) throw Exceeded(column.Name, $"{declared.Count:N0} categories declared for column '{column.Name}'");
            // A declared list is the column's vocabulary, checked above: only undeclared ones grow with the rows.
            if (column.Kind == ColumnKind.Categorical && column.Categories is null && _limit < int.MaxValue) _seen[c] = [];
        }
    }

    /// <summary>Counts the chunk's undeclared categorical labels; throws once a column passes the limit.</summary>
    public void Add(TabularData chunk)
    {
        for (int c = 0; c < _seen.Length; c++)
        {
            if (_seen[c] is not { } seen) continue;
            foreach (var label in chunk.Labels(c))
                if (label is not null && seen.Add(TextHash.Fnv1a64(label)) && seen.Count > _limit)
                    throw Exceeded(_schema.Columns[c].Name, $"more than {_limit:N0} distinct labels in column '{_schema.Columns[c].Name}' (declare it as identifier or pii if it is one)");
        }
    }

    TableLimitExceededException Exceeded(string column, string found) =>
        new(_path, nameof(TableLimits.MaxCategoriesPerColumn), _limit, found);
}
