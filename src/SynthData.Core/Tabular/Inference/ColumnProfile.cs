using System.Text.RegularExpressions;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tabular.Inference;

/// <summary>
/// What one streaming pass learns about a column's shape: which parsers accept every value, which
/// missing tokens occur, whether values look like e-mails, phones or UUIDs. It keeps no values and
/// no bounds; only id-named columns keep 64-bit hashes of values, to judge distinctness.
/// </summary>
sealed partial class ColumnProfile
{
    readonly string _name;
    readonly HashSet<string> _missingTokens;
    readonly SortedSet<int> _missingSeen = [];
    readonly List<string> _tokenOrder;
    readonly HashSet<ulong>? _hashes;
    readonly int _hashLimit;
    long _hashed;

    long _present, _missing, _emails, _phones, _uuids;
    bool _allLong = true, _allDouble = true, _allDateTime = true, _allDateOnly = true;
    int _booleanPair = -1;
    bool _allBoolean = true;

    public ColumnProfile(string name, IReadOnlyList<string> missingTokens, bool trackDistinct, int distinctLimit)
    {
        _name = name;
        _tokenOrder = missingTokens.Distinct().ToList();
        _missingTokens = new HashSet<string>(_tokenOrder, StringComparer.Ordinal);
        if (trackDistinct) _hashes = [];
        _hashLimit = distinctLimit;
    }

    public void Add(string? cell)
    {
        if (cell is null) { _missing++; return; }
        string trimmed = cell.Trim();
        if (trimmed.Length == 0) { _missing++; return; }
        if (_missingTokens.Contains(cell) || _missingTokens.Contains(trimmed))
        {
            _missing++;
            _missingSeen.Add(_tokenOrder.IndexOf(_missingTokens.Contains(cell) ? cell : trimmed));
            return;
        }

        _present++;
        if (_hashes is not null && _hashed < _hashLimit)
        {
            _hashed++;
            _hashes.Add(TextHash.Fnv1a64(trimmed));
        }
        if (_allLong && !CellText.TryParseLong(trimmed, out _)) _allLong = false;
        if (_allDouble && !CellText.TryParseDouble(trimmed, out _)) _allDouble = false;
        if (_allDateTime)
        {
            if (!CellText.TryParseUnixSeconds(trimmed, null, out _)) _allDateTime = false;
            else if (_allDateOnly && !CellText.IsDateOnly(trimmed)) _allDateOnly = false;
        }
        if (_allBoolean)
        {
            if (!BooleanLabels.TryRead(trimmed, out int pair, out _) || (_booleanPair >= 0 && pair != _booleanPair)) _allBoolean = false;
            else _booleanPair = pair;
        }
        if (EmailRegex().IsMatch(trimmed)) _emails++;
        if (LooksLikePhone(trimmed)) _phones++;
        if (UuidRegex().IsMatch(trimmed)) _uuids++;
    }

    /// <summary>The column's structure. Never category lists or bounds: see <see cref="SchemaInference"/>.</summary>
    public ColumnSchema ToSchema(SchemaInferenceOptions options)
    {
        var missingTokens = _missingSeen.Select(i => _tokenOrder[i]).Where(t => t.Length > 0).ToArray();
        var column = new ColumnSchema
        {
            Name = _name,
            Kind = ColumnKind.Categorical,
            MissingTokens = missingTokens,
            Nullable = _missing > 0,
        };
        if (_present == 0) return column;

        var hinted = ColumnNameHints.SuggestedPii(_name);
        if (hinted != PiiKind.None) return column with { Kind = ColumnKind.Pii, Pii = hinted };
        if (_emails >= options.PiiPatternShare * _present) return column with { Kind = ColumnKind.Pii, Pii = PiiKind.Email };
        if (!_allDouble && !_allDateTime && _phones >= options.PiiPatternShare * _present) return column with { Kind = ColumnKind.Pii, Pii = PiiKind.Phone };

        if (_uuids == _present) return column with { Kind = ColumnKind.Identifier };
        if (_hashes is not null && _hashes.Count >= options.IdentifierDistinctShare * _hashed)
            return column with { Kind = ColumnKind.Identifier };

        if (_allBoolean)
        {
            // Labels from the fixed public vocabulary (not learnt from the data), in (false, true) order.
            var (no, yes) = BooleanLabels.Pairs[_booleanPair];
            return column with { Kind = ColumnKind.Boolean, Categories = [no, yes] };
        }
        if (_allLong) return column with { Kind = ColumnKind.Integer };
        if (_allDouble) return column with { Kind = ColumnKind.Continuous };
        if (_allDateTime) return column with { Kind = ColumnKind.DateTime, DateTimeFormat = _allDateOnly ? CellText.DateOnlyFormat : null };
        return column;
    }

    /// <summary>Separators or a leading '+', 7 to 15 digits, and nothing but digits and separators.</summary>
    static bool LooksLikePhone(string text)
    {
        if (!PhoneRegex().IsMatch(text)) return false;
        int digits = text.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && (text[0] == '+' || text.Any(c => c is ' ' or '-' or '.' or '(' or ')'));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\+?[0-9(][0-9 ().\-]{5,}[0-9]$")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^[{(]?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}[)}]?$")]
    private static partial Regex UuidRegex();
}
