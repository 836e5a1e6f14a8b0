/**
 * The embedded org's state. Secrets (codes, tokens, session ids) are stored as SHA-256 hashes only,
 * so a copy of the database file cannot be replayed against the org.
 */
export const SCHEMA_VERSION = 1

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS connected_apps (
  client_id TEXT PRIMARY KEY,
  client_secret TEXT NOT NULL,
  name TEXT NOT NULL,
  callback_urls TEXT NOT NULL,
  certificate TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS preauthorized_users (
  client_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (client_id, user_id)
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, auth_time INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_requests (
  id TEXT PRIMARY KEY, params TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL, scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL, UNIQUE (user_id, client_id)
);
CREATE TABLE IF NOT EXISTS codes (
  hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
  scopes TEXT NOT NULL, code_challenge TEXT, nonce TEXT, auth_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  hash TEXT PRIMARY KEY, family TEXT NOT NULL, client_id TEXT NOT NULL, user_id TEXT NOT NULL,
  scopes TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER, rotated_at INTEGER,
  family_started_at INTEGER
);
CREATE INDEX IF NOT EXISTS refresh_tokens_user ON refresh_tokens (user_id, client_id);
CREATE TABLE IF NOT EXISTS access_tokens (
  hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL, scopes TEXT NOT NULL,
  issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER,
  refresh_family TEXT, code_hash TEXT
);
CREATE INDEX IF NOT EXISTS access_tokens_family ON access_tokens (refresh_family);
CREATE INDEX IF NOT EXISTS access_tokens_code ON access_tokens (code_hash);
CREATE TABLE IF NOT EXISTS used_jtis (
  client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (client_id, jti)
);
-- Every JWT Bearer grant purges expired jtis first: without this index that purge scans the table.
CREATE INDEX IF NOT EXISTS used_jtis_expiry ON used_jtis (expires_at);
-- The periodic prune (store/prune.ts) deletes by these columns; each index keeps it a range seek.
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS auth_requests_expiry ON auth_requests (expires_at);
CREATE INDEX IF NOT EXISTS codes_expiry ON codes (expires_at);
CREATE INDEX IF NOT EXISTS access_tokens_expiry ON access_tokens (expires_at);
CREATE INDEX IF NOT EXISTS refresh_tokens_revoked ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS refresh_tokens_rotated ON refresh_tokens (rotated_at) WHERE rotated_at IS NOT NULL;
-- Device flow requests (store/device-codes.ts): both codes stored as hashes; pruned once expired.
CREATE TABLE IF NOT EXISTS device_codes (
  device_hash TEXT PRIMARY KEY, user_code_hash TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL,
  scopes TEXT NOT NULL, interval_s INTEGER NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, last_poll_at INTEGER, status TEXT NOT NULL, user_id TEXT,
  auth_time INTEGER
);
CREATE INDEX IF NOT EXISTS device_codes_expiry ON device_codes (expires_at);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- Failed logins per user, and when the user was locked out (store/lockouts.ts).
CREATE TABLE IF NOT EXISTS login_failures (
  user_id TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_at INTEGER
);
-- sObject records the REST API reads and writes (store/records.ts); a delete keeps the row, marked.
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, fields TEXT NOT NULL, created_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX IF NOT EXISTS records_type ON records (type, created_at);
-- Open query cursors behind nextRecordsUrl (store/query-cursors.ts).
CREATE TABLE IF NOT EXISTS query_cursors (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, query TEXT NOT NULL, batch_size INTEGER NOT NULL,
  used_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS query_cursors_expiry ON query_cursors (expires_at);
-- One-time frontdoor URLs from /services/oauth2/singleaccess (store/frontdoor-otps.ts), hashed.
CREATE TABLE IF NOT EXISTS frontdoor_otps (
  hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, start_url TEXT NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS frontdoor_otps_expiry ON frontdoor_otps (expires_at);
-- Sliding-window rate limits: one row per key and sixtieth of the window (store/rate-limits.ts).
CREATE TABLE IF NOT EXISTS rate_buckets (
  key TEXT NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, bucket)
);
`
