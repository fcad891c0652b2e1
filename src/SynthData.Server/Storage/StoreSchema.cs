using Microsoft.Data.Sqlite;

namespace SynthData.Server.Storage;

/// <summary>
/// The store's tables, versioned with PRAGMA user_version: each migration runs once, in order, in
/// its own transaction, so an old data directory upgrades in place and a new one starts at the top.
/// </summary>
static class StoreSchema
{
    static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL REFERENCES tenants(id),
            role TEXT NOT NULL CHECK (role IN ('owner','consumer','reviewer','admin')), label TEXT NOT NULL,
            created_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE datasets (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), name TEXT NOT NULL,
            format TEXT NOT NULL, row_count INTEGER NOT NULL, schema_json TEXT NOT NULL, policy_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL, raw_path TEXT NOT NULL, erased INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), dataset_id TEXT NOT NULL REFERENCES datasets(id),
            kind TEXT NOT NULL CHECK (kind IN ('train','audit')),
            state TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
            steps_taken INTEGER NOT NULL DEFAULT 0, total_steps INTEGER NOT NULL DEFAULT 0,
            target_epsilon REAL NOT NULL DEFAULT 0, delta REAL NOT NULL DEFAULT 0, epsilon_spent REAL NOT NULL DEFAULT 0,
            noise_multiplier REAL NOT NULL DEFAULT 0, last_loss REAL NOT NULL DEFAULT 0, model_id TEXT,
            parameters_json TEXT NOT NULL DEFAULT '{}', reasons_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT);
        CREATE INDEX jobs_by_state ON jobs(state);
        CREATE TABLE models (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), job_id TEXT NOT NULL REFERENCES jobs(id),
            artifact_path TEXT NOT NULL, sha256 TEXT NOT NULL,
            release_state TEXT NOT NULL DEFAULT 'pending' CHECK (release_state IN ('pending','audited','approved','released','rejected')),
            created_at TEXT NOT NULL);
        CREATE TABLE approvals (
            id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models(id), reviewer_key_id TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')), comment TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT, actor TEXT NOT NULL, action TEXT NOT NULL,
            subject_id TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL);
        CREATE INDEX audit_log_by_subject ON audit_log(tenant_id, subject_id);
        """,
        // 2: what the privacy ledger and the release workflow need. steps_charged is written BEFORE the steps
        // run (see StepWriteAhead), so a crash can never leave the ledger charging less than was consumed.
        """
        ALTER TABLE jobs ADD COLUMN steps_charged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE models ADD COLUMN dataset_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE models ADD COLUMN release_decision_json TEXT;
        ALTER TABLE models ADD COLUMN reviewer_json TEXT;
        CREATE INDEX models_by_tenant ON models(tenant_id);
        ALTER TABLE datasets ADD COLUMN delimiter TEXT;
        """,
        // 3: datasets are known by a keyed content fingerprint, not by a hash of their bytes (uploads since keep none).
        // ledger_key is fixed at upload; earlier uploads keep the key their byte hash gave them, so their spending stands.
        """
        ALTER TABLE datasets ADD COLUMN content_fingerprint TEXT;
        ALTER TABLE datasets ADD COLUMN ledger_key TEXT;
        UPDATE datasets SET ledger_key = tenant_id || '/ds-' || substr(fingerprint, 1, 16);
        """,
        // 4: the operator role. SQLite cannot change a CHECK in place, so api_keys is rebuilt; the bootstrap key,
        // which could mint keys for any tenant, becomes the operator key.
        """
        CREATE TABLE api_keys_v3 (
            id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL REFERENCES tenants(id),
            role TEXT NOT NULL CHECK (role IN ('owner','consumer','reviewer','admin','operator')), label TEXT NOT NULL,
            created_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
        INSERT INTO api_keys_v3 (id, key_sha256, tenant_id, role, label, created_at, revoked)
            SELECT id, key_sha256, tenant_id, role, label, created_at, revoked FROM api_keys;
        DROP TABLE api_keys;
        ALTER TABLE api_keys_v3 RENAME TO api_keys;
        CREATE INDEX api_keys_by_tenant ON api_keys(tenant_id);
        UPDATE api_keys SET role = 'operator', label = 'bootstrap operator'
            WHERE label = 'bootstrap admin' AND tenant_id IN (SELECT id FROM tenants WHERE name = 'admin');
        """,
        // 5: lifetime figures composed once per ledger revision (LifetimeFigures), and indexes for paged listings.
        """
        CREATE TABLE IF NOT EXISTS lifetime_figures (
            ledger_key TEXT PRIMARY KEY, revision TEXT NOT NULL, spent_epsilon REAL NOT NULL, committed_epsilon REAL NOT NULL,
            composed_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS datasets_by_tenant ON datasets(tenant_id, created_at, id);
        CREATE INDEX IF NOT EXISTS jobs_by_tenant ON jobs(tenant_id, created_at, id);
        """,
        // 6: job leases (the replica holding a job's work renews them; an expired one is failed and charged).
        """
        ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
        ALTER TABLE jobs ADD COLUMN lease_expires TEXT;
        """,
        // 7: the model lifecycle (issue 18) in the store, no longer in a lifecycle.db of its own: the model a reviewer set
        // current per lineage, and drift checks, which run as jobs of kind 'drift'. SQLite cannot change a CHECK in
        // place and rebuilding jobs would break the models' foreign key, so the CHECK's text is widened where SQLite
        // keeps it (the documented procedure for loosening a constraint: every stored row still satisfies it);
        // RESET makes this connection reread the schema.
        """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''train'',''audit''))', 'CHECK (kind IN (''train'',''audit'',''drift''))')
            WHERE type = 'table' AND name = 'jobs';
        PRAGMA writable_schema = RESET;
        CREATE TABLE current_models (
            tenant_id TEXT NOT NULL REFERENCES tenants(id), lineage_key TEXT NOT NULL, model_id TEXT NOT NULL REFERENCES models(id),
            set_at TEXT NOT NULL, PRIMARY KEY (tenant_id, lineage_key));
        CREATE TABLE drift_checks (
            job_id TEXT PRIMARY KEY REFERENCES jobs(id), tenant_id TEXT NOT NULL REFERENCES tenants(id), model_id TEXT NOT NULL REFERENCES models(id),
            dataset_id TEXT NOT NULL REFERENCES datasets(id), lineage_key TEXT NOT NULL, result_json TEXT, created_at TEXT NOT NULL, finished_at TEXT);
        CREATE INDEX drift_checks_by_lineage ON drift_checks(tenant_id, lineage_key, created_at);
        """,
        // 8: a cancel request any replica can make and the replica running the job reads (with its cause, if any).
        """
        ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE jobs ADD COLUMN cancel_reason TEXT;
        """,
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        long current = Scalar(connection, "PRAGMA user_version");
        if (current > Migrations.Length)
            throw new InvalidOperationException($"synthdata.db has schema version {current}, newer than this server ({Migrations.Length}).");
        for (long v = current; v < Migrations.Length; v++)
        {
            using var tx = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
                command.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
