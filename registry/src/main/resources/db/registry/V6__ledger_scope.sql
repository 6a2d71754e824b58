-- Where on the provider's ledger a posting's payment lands (docs/reconciliation.md#reading-the-ledgers): the Propexo
-- integration, the Acquaint tenancy or charge, the storEDGE facility and ledger. A reconciliation reads exactly these
-- ledgers for a connection's day, so that it asks the provider narrowly. Ids of the customer's own records, never a
-- reference or card data. NULL only for rows registered before this column (none in production): their ledgers are
-- not read.
ALTER TABLE postings ADD COLUMN ledger_scope text;

