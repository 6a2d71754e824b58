-- Settlement batches (docs/batches.md): a file of postings read whole and validated before any row starts, then
-- started in the background from these rows, so that the intake survives a restart of the API.

CREATE TABLE batches (
    batch_id         text        PRIMARY KEY,
    -- the service (API key) that sent it: a service sees its own batches only
    owner            text        NOT NULL,
    -- SHA-256 of the file as received: the same id with another file is a conflict (409)
    file_sha256      text        NOT NULL,
    format           text        NOT NULL,
    -- LEAVE_OUT: invalid rows were left out (a REFUSE batch with invalid rows is never stored)
    invalid_rows     text        NOT NULL,
    rows_read        integer     NOT NULL,
    rows_valid       integer     NOT NULL,
    rows_invalid     integer     NOT NULL,
    -- STARTING while rows wait to start, STARTED once every valid row has been started
    status           text        NOT NULL,
    received_at      timestamptz NOT NULL,
    started_at       timestamptz
);

CREATE TABLE batch_rows (
    batch_id         text        NOT NULL REFERENCES batches (batch_id),
    line             integer     NOT NULL,
    posting_id       text        NOT NULL,
    -- the row's posting request (JSON), sealed with the payload key ring (Temporal's payload codec, so keys rotate as
    -- for payloads); erased once the posting started, when the workflow holds the request
    request_sealed   bytea,
    -- NULL while waiting to start; STARTED, ALREADY_STARTED (the same request under this id before), CONFLICT (another
    -- request holds the id), REFUSED (the API refused it at start, e.g. a connection disabled since the intake)
    start_outcome    text,
    start_detail     text,
    started_at       timestamptz,
    PRIMARY KEY (batch_id, line),
    -- a posting id appears once per file
    UNIQUE (batch_id, posting_id)
);

-- what the background intake claims next, in file order
CREATE INDEX batch_rows_waiting ON batch_rows (batch_id, line) WHERE start_outcome IS NULL;
CREATE INDEX batches_starting ON batches (received_at) WHERE status = 'STARTING';
