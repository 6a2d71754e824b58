-- The rows of a LEAVE_OUT batch that failed validation (docs/batches.md): kept with the batch, in the same transaction,
-- so that the results file has one line per row of the file. Never started. Only the names of the fields at fault are
-- kept, never a value sent: a row may be invalid because it carried what a file at rest must not (a card number).

CREATE TABLE batch_invalid_rows (
    batch_id         text        NOT NULL REFERENCES batches (batch_id),
    line             integer     NOT NULL,
    -- the row's posting id when it could be read (null for an unreadable line or an id repeated from an earlier line)
    posting_id       text,
    -- the fields at fault, in the API's words, separated by ';'
    fields           text        NOT NULL,
    PRIMARY KEY (batch_id, line)
);

-- GET /api/batches: newest first, a page at a time, all of them (operators) or one service's
CREATE INDEX batches_newest ON batches (received_at DESC, batch_id DESC);
CREATE INDEX batches_owner_newest ON batches (owner, received_at DESC, batch_id DESC);
