-- The registry of the posting service (docs/decisions/0022-postgresql-registry.md).
-- Enumerations (provider, state, step, attention code) are stored by their Java names without CHECK constraints: the
-- enums in the workflows module own the vocabulary, and a name the code does not know fails loudly when read back.
-- Card data and secrets never reach this database: no table has a card field, a reference is kept only as a keyed
-- hash (search) and sealed (display), and a connection's credentials only sealed.

-- One customer account at one provider API. Table only in this version: the code that manages it comes later.
CREATE TABLE connections (
    connection_id      text        PRIMARY KEY,
    provider_api       text        NOT NULL CHECK (provider_api IN ('PROPEXO', 'ACQUAINT', 'STOREDGE')),
    name               text        NOT NULL,
    base_url           text        NOT NULL,
    -- AES-256-GCM under the payload key ring: 12-byte nonce, ciphertext, 16-byte tag; key_id says which key
    credentials_sealed bytea       NOT NULL,
    key_id             text        NOT NULL,
    -- the only part of a credential ever shown
    last4              text        NOT NULL CHECK (char_length(last4) <= 4),
    rate_limit         jsonb,
    approval           jsonb,
    status             text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- One row per posting, for ever: a posting id stays taken after Temporal's retention forgets the workflow.
CREATE TABLE postings (
    posting_id         text        PRIMARY KEY,
    -- the service (API key) that started it; a service key lists its own rows only
    owner              text        NOT NULL,
    -- SHA-256 of the canonical request: the same id with another fingerprint is another request (409)
    fingerprint        text        NOT NULL,
    provider           text        NOT NULL,
    connection_id      text        REFERENCES connections (connection_id),
    amount_minor       bigint      NOT NULL,
    currency           char(3)     NOT NULL,
    -- HMAC-SHA256 of the reference under the registry's hash key: exact search without the reference itself
    reference_hash     bytea       NOT NULL,
    -- AES-256-GCM of the reference (nonce, ciphertext, tag) under reference_key_id, bound to posting_id
    reference_sealed   bytea       NOT NULL,
    reference_key_id   text        NOT NULL,
    transaction_date   date        NOT NULL,
    state              text        NOT NULL,
    step               text        NOT NULL,
    record_id          text,
    attention_code     text,
    started_at         timestamptz NOT NULL,
    -- when the posting entered its current state
    state_since        timestamptz NOT NULL,
    -- the time of the latest state update applied: updates older than this never overwrite the row
    updated_at         timestamptz NOT NULL,
    -- set when the posting reached a terminal state; NULL while it is open
    finished_at        timestamptz,
    -- set when the row is open but its workflow is gone (the local Temporal server restarted): shown to operators
    workflow_lost_at     timestamptz,
    workflow_lost_reason text
);

-- Every list is newest first, paged by the keyset (started_at, posting_id) descending: each filter has an index that
-- starts with the filter's column and ends with the keyset, so for an equality filter a page of any depth reads only
-- its own rows, in order, with no sort. The age filter is a range of the keyset itself (postings_started); a range of
-- transaction dates reads its index and sorts what it matched.
CREATE INDEX postings_started ON postings (started_at DESC, posting_id DESC);
CREATE INDEX postings_state ON postings (state, started_at DESC, posting_id DESC);
CREATE INDEX postings_state_provider ON postings (state, provider, started_at DESC, posting_id DESC);
CREATE INDEX postings_provider ON postings (provider, started_at DESC, posting_id DESC);
CREATE INDEX postings_connection ON postings (connection_id, started_at DESC, posting_id DESC)
    WHERE connection_id IS NOT NULL;
CREATE INDEX postings_owner ON postings (owner, started_at DESC, posting_id DESC);
CREATE INDEX postings_reference ON postings (reference_hash, started_at DESC, posting_id DESC);
CREATE INDEX postings_amount ON postings (amount_minor, started_at DESC, posting_id DESC);
CREATE INDEX postings_transaction_date ON postings (transaction_date, started_at DESC, posting_id DESC);
-- the rows still open and not yet marked as without a workflow: what the local stack checks after a restart
CREATE INDEX postings_open ON postings (posting_id)
    WHERE finished_at IS NULL AND workflow_lost_at IS NULL;
