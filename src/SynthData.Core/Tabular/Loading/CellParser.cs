namespace SynthData.Core.Tabular.Loading;

/// <summary>Parses one column's cells as its schema says; errors name file, row and column only.</summary>
sealed class CellParser
{
    readonly string _file;
    readonly ColumnSchema _column;
    readonly HashSet<string> _missing;
    readonly HashSet<string>? _categories;
    readonly (bool First, bool Second)? _booleanTruth;

    public CellParser(string file, ColumnSchema column)
    {
        _file = file;
        _column = column;
        _missing = new HashSet<string>(column.MissingTokens, StringComparer.Ordinal);
        if (column.Kind == ColumnKind.Categorical && column.Categories is { } declared)
            _categories = new HashSet<string>(declared, StringComparer.Ordinal);
        if (column.Kind == ColumnKind.Boolean) _booleanTruth = BooleanLabels.TruthOf(column.Categories);
    }

    public bool IsMissing(string? cell) =>
        cell is null || string.IsNullOrWhiteSpace(cell) || _missing.Contains(cell) || _missing.Contains(cell.Trim());

    /// <summary>A missing cell, refused in a declared column that the schema file does not declare nullable.</summary>
    bool Missing(string? cell, long row)
    {
        if (!IsMissing(cell)) return false;
        if (_column.Declared && !_column.Nullable)
            throw Error(row, "a value: the schema file declares this column without \"nullable\": true, and this cell is missing");
        return true;
    }

    public double ParseNumber(string? cell, long row)
    {
        if (Missing(cell, row)) return double.NaN;
        switch (_column.Kind)
        {
            case ColumnKind.Continuous:
                return CellText.TryParseDouble(cell!, out double value) ? value : throw Error(row, "a number");
            case ColumnKind.Integer:
                return CellText.TryParseDouble(cell!, out double whole) && Math.Floor(whole) == whole ? whole : throw Error(row, "an integer");
            case ColumnKind.DateTime:
                return CellText.TryParseUnixSeconds(cell!, _column.DateTimeFormat, out double seconds)
                    ? seconds
                    : throw Error(row, $"a date-time ({(_column.DateTimeFormat is { } f ? $"format {f}" : "ISO 8601")})");
            default:
                throw new InvalidOperationException($"Column '{_column.Name}' is not numeric.");
        }
    }

    public string? ParseText(string? cell, long row)
    {
        if (Missing(cell, row)) return null;
        return _column.Kind switch
        {
            ColumnKind.Boolean => ParseBoolean(cell!, row),
            ColumnKind.Categorical when _categories is not null =>
                _categories.Contains(cell!) ? cell : _categories.Contains(cell!.Trim()) ? cell!.Trim()
                    : throw Error(row, $"one of the {_categories.Count} declared categories"),
            _ => cell,
        };
    }

    /// <summary>Normalises to the schema's two labels, or to "true"/"false" when none are declared.</summary>
    string ParseBoolean(string cell, long row)
    {
        var labels = _column.Categories;
        if (labels is { Count: 2 })
        {
            foreach (var label in labels)
                if (string.Equals(cell.Trim(), label, StringComparison.OrdinalIgnoreCase)) return label;
            if (_booleanTruth is { } truth && BooleanLabels.TryRead(cell, out _, out bool value))
                return value == truth.First ? labels[0] : labels[1];
            throw Error(row, $"a boolean ('{labels[0]}' or '{labels[1]}')");
        }
        return BooleanLabels.TryRead(cell, out _, out bool parsed)
            ? (parsed ? "true" : "false")
            : throw Error(row, "a boolean (true/false, yes/no, y/n, 1/0, t/f)");
    }

    TableFormatException Error(long row, string expected) => new(_file, row, _column.Name, expected);
}
