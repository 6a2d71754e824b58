-- Reconciliations (docs/reconciliation.md): what a provider's ledger held for a connection and a day, compared with the
-- postings of that day. Kept for ever, as the postings are; items carry amounts and ids, never a reference.

CREATE TABLE reconciliations (
    reconciliation_id  bigserial   PRIMARY KEY,
    connection_id      text        NOT NULL,
    day                date        NOT NULL,
    run_at             timestamptz NOT NULL,
    matched            integer     NOT NULL,
    missing            integer     NOT NULL,
    changed            integer     NOT NULL,
    unexpected         integer     NOT NULL,
    pending            integer     NOT NULL,
    -- the provider calls the reading took (the cost of a reconciliation, per connection)
    provider_calls     integer     NOT NULL,
    -- a MISSING, CHANGED or UNEXPECTED item: an operator task until resolved
    needs_operator     boolean     NOT NULL,
    resolved_at        timestamptz,
    resolved_by        text,
    resolution_note    text
);

CREATE INDEX reconciliations_day ON reconciliations (connection_id, day, run_at DESC);
CREATE INDEX reconciliations_open ON reconciliations (run_at) WHERE needs_operator AND resolved_at IS NULL;

CREATE TABLE reconciliation_items (
    reconciliation_id     bigint  NOT NULL REFERENCES reconciliations (reconciliation_id),
    line                  integer NOT NULL,
    outcome               text    NOT NULL,
    posting_id            text,
    record_id             text,
    expected_amount_minor bigint,
    ledger_amount_minor   bigint,
    detail                text,
    PRIMARY KEY (reconciliation_id, line)
);

-- a connection's postings of one transaction day: what a reconciliation compares
CREATE INDEX postings_connection_day ON postings (connection_id, transaction_date) WHERE connection_id IS NOT NULL;
