using SynthData.Server.Governance;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Datasets;

/// <summary>
/// The ledger key of an upload declared a new version of an earlier dataset: the parent's own, so every run on every
/// version composes into one lifetime budget. Rows that already belong to another budget (an earlier upload of the same
/// content under its own key) cannot join this one: their runs would stay outside it.
/// </summary>
public static class DatasetVersionKeys
{
    public static string ForVersion(ServerStore store, string tenantId, string parentId, string contentFingerprint)
    {
        var parent = store.GetDataset(tenantId, parentId)
                     ?? throw FieldViolations.Invalid("header.version_of", $"'{RequestIds.Quote(parentId)}' is not a dataset of this tenant");
        string parentKey = DatasetLedger.KeyOf(parent);
        if (store.LedgerKeyOfContent(tenantId, contentFingerprint) is { } existing && existing != parentKey)
            throw FieldViolations.Invalid("header.version_of", "these rows were uploaded before as a dataset with its own budget; they cannot join another dataset's");
        return parentKey;
    }
}
