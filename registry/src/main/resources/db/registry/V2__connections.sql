-- Provider connections managed by the service (docs/decisions/0023-connections.md): V1 made the table; this version
-- adds what managing it needs, and the shared rate-limit windows of every credential.

-- The connection id is the caller's slug: lower-case letters, digits and dashes (it appears in URLs, metric tags and
-- workflow inputs, never anything secret).
ALTER TABLE connections
    ADD CONSTRAINT connections_id_slug CHECK (connection_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    -- bumped by every change (rotation, disabling): the workers' cached copies compare it to see a change at once
    ADD COLUMN version      bigint      NOT NULL DEFAULT 1,
    ADD COLUMN rotated_at   timestamptz,
    ADD COLUMN disabled_at  timestamptz;

-- One row per rate-limit budget of a credential, shared by every worker: the time its next request may leave, on the
-- database's clock. Each request moves it on by the budget's spacing (60 s / limit) in one
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING, so requests of all workers together are evenly spaced and no 60 s
-- holds more than the limit, wherever the vendor's minute windows begin. The budget names the credential by a keyed
-- hash (never the credential itself) and, where the vendor counts per endpoint (Acquaint), the endpoint.
CREATE TABLE rate_budgets (
    budget     text        PRIMARY KEY,
    next_free  timestamptz NOT NULL
);
