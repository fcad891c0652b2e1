namespace SynthData.Server.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, versioned in schema_migrations. Every replica runs <see cref="PostgresDatabase.Migrate"/> at
/// start: the migrations run in one transaction under an advisory lock, so whichever replica gets there first applies
/// them and the others wait, then find nothing left to do. Times are round-trip UTC text, as in SQLite, so the
/// repositories' SQL is the same on both.
/// </summary>
static class PostgresSchema
{
    /// <summary>The key of the advisory lock that serialises migrations across replicas.</summary>
    public const long MigrationLock = 0x5_7D_A7A;

    public static readonly string[] Migrations =
    [
        // 1: the store as SQLite has it after its migration 5, the privacy ledger, job leases and the artifact store.
        """
        CREATE TABLE tenants (id text PRIMARY KEY, name text NOT NULL UNIQUE, created_at text NOT NULL);
        CREATE TABLE api_keys (
            id text PRIMARY KEY, key_sha256 text NOT NULL UNIQUE, tenant_id text NOT NULL REFERENCES tenants(id),
            role text NOT NULL CHECK (role IN ('owner','consumer','reviewer','admin','operator')), label text NOT NULL,
            created_at text NOT NULL, revoked bigint NOT NULL DEFAULT 0);
        CREATE INDEX api_keys_by_tenant ON api_keys(tenant_id);
        CREATE TABLE datasets (
            id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), name text NOT NULL,
            format text NOT NULL, row_count bigint NOT NULL, schema_json text NOT NULL, policy_id text NOT NULL,
            fingerprint text NOT NULL, raw_path text NOT NULL, erased bigint NOT NULL DEFAULT 0, created_at text NOT NULL,
            delimiter text, content_fingerprint text, ledger_key text);
        CREATE INDEX datasets_by_tenant ON datasets(tenant_id, created_at, id);
        CREATE TABLE jobs (
            id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), dataset_id text NOT NULL REFERENCES datasets(id),
            kind text NOT NULL CHECK (kind IN ('train','audit')),
            state text NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
            steps_taken bigint NOT NULL DEFAULT 0, total_steps bigint NOT NULL DEFAULT 0,
            target_epsilon double precision NOT NULL DEFAULT 0, delta double precision NOT NULL DEFAULT 0,
            epsilon_spent double precision NOT NULL DEFAULT 0, noise_multiplier double precision NOT NULL DEFAULT 0,
            last_loss double precision NOT NULL DEFAULT 0, model_id text,
            parameters_json text NOT NULL DEFAULT '{}', reasons_json text NOT NULL DEFAULT '[]',
            created_at text NOT NULL, started_at text, finished_at text, steps_charged bigint NOT NULL DEFAULT 0,
            lease_owner text, lease_expires text);
        CREATE INDEX jobs_by_state ON jobs(state, created_at);
        CREATE INDEX jobs_by_tenant ON jobs(tenant_id, created_at, id);
        CREATE TABLE models (
            id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), job_id text NOT NULL REFERENCES jobs(id),
            dataset_id text NOT NULL DEFAULT '', artifact_path text NOT NULL, sha256 text NOT NULL,
            release_state text NOT NULL DEFAULT 'pending' CHECK (release_state IN ('pending','audited','approved','released','rejected')),
            release_decision_json text, reviewer_json text, created_at text NOT NULL);
        CREATE INDEX models_by_tenant ON models(tenant_id, created_at, id);
        CREATE TABLE approvals (
            seq bigint GENERATED ALWAYS AS IDENTITY, id text PRIMARY KEY, model_id text NOT NULL REFERENCES models(id),
            reviewer_key_id text NOT NULL, decision text NOT NULL CHECK (decision IN ('approved','rejected')),
            comment text NOT NULL, at text NOT NULL);
        CREATE TABLE audit_log (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id text, actor text NOT NULL, action text NOT NULL,
            subject_id text NOT NULL, detail text NOT NULL, at text NOT NULL);
        CREATE INDEX audit_log_by_subject ON audit_log(tenant_id, subject_id);
        CREATE TABLE lifetime_figures (
            ledger_key text PRIMARY KEY, revision text NOT NULL, spent_epsilon double precision NOT NULL,
            committed_epsilon double precision NOT NULL, composed_at text NOT NULL);
        CREATE TABLE privacy_ledger (
            run_id text PRIMARY KEY, dataset_id text NOT NULL, state text NOT NULL, event_json text NOT NULL,
            created_utc text NOT NULL, settled_utc text);
        CREATE INDEX privacy_ledger_dataset ON privacy_ledger(dataset_id);
        CREATE TABLE privacy_datasets (
            dataset_id text PRIMARY KEY, lifetime_budget double precision NOT NULL, delta double precision NOT NULL, created_utc text NOT NULL);
        CREATE TABLE privacy_budget_locks (dataset_id text PRIMARY KEY);
        CREATE TABLE dataset_identities (fingerprint text PRIMARY KEY, dataset_id text NOT NULL UNIQUE, created_utc text NOT NULL);
        CREATE TABLE artifact_chunks (
            artifact_key text NOT NULL, chunk_index bigint NOT NULL, data bytea NOT NULL, PRIMARY KEY (artifact_key, chunk_index));
        """,
        // 2: the model lifecycle (issue 18), as SQLite's migration 7: drift checks are jobs of kind 'drift'.
        """
        ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
        ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('train','audit','drift'));
        CREATE TABLE current_models (
            tenant_id text NOT NULL REFERENCES tenants(id), lineage_key text NOT NULL, model_id text NOT NULL REFERENCES models(id),
            set_at text NOT NULL, PRIMARY KEY (tenant_id, lineage_key));
        CREATE TABLE drift_checks (
            job_id text PRIMARY KEY REFERENCES jobs(id), tenant_id text NOT NULL REFERENCES tenants(id), model_id text NOT NULL REFERENCES models(id),
            dataset_id text NOT NULL REFERENCES datasets(id), lineage_key text NOT NULL, result_json text, created_at text NOT NULL, finished_at text);
        CREATE INDEX drift_checks_by_lineage ON drift_checks(tenant_id, lineage_key, created_at);
        """,
        // 3: a cancel request any replica can make and the replica running the job reads (with its cause, if any).
        """
        ALTER TABLE jobs ADD COLUMN cancel_requested bigint NOT NULL DEFAULT 0;
        ALTER TABLE jobs ADD COLUMN cancel_reason text;
        """,
    ];
}
