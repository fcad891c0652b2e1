namespace SynthData.Core.Tabular;

/// <summary>How a column is treated by the pipeline.</summary>
public enum ColumnKind
{
    /// <summary>Real-valued; modelled through a quantile transform.</summary>
    Continuous,
    /// <summary>Whole numbers; modelled as continuous and rounded on decode.</summary>
    Integer,
    /// <summary>A finite set of labels; modelled with logits.</summary>
    Categorical,
    /// <summary>Two labels (true/false, yes/no); modelled with logits.</summary>
    Boolean,
    /// <summary>Instants; modelled as continuous seconds since the Unix epoch.</summary>
    DateTime,
    /// <summary>Row keys: never modelled, regenerated synthetically.</summary>
    Identifier,
    /// <summary>Personal free text (see <see cref="PiiKind"/>): never modelled; dropped or replaced per policy.</summary>
    Pii,
}

/// <summary>What kind of personal data a <see cref="ColumnKind.Pii"/> column holds.</summary>
public enum PiiKind
{
    /// <summary>Not personal data (the kind of every non-PII column).</summary>
    None,
    /// <summary>E-mail addresses.</summary>
    Email,
    /// <summary>Telephone numbers.</summary>
    Phone,
    /// <summary>Personal names.</summary>
    Name,
    /// <summary>Postal addresses.</summary>
    Address,
    /// <summary>Free text that may mention people.</summary>
    FreeText,
}
