-- The public timeline of each association: deposit, receipts, declared changes, public utility, dissolution.
CREATE TABLE association_history (
    id             INTEGER PRIMARY KEY,
    association_id INTEGER NOT NULL REFERENCES associations (id),
    occurred_on    TEXT NOT NULL,
    type           TEXT NOT NULL,
    reference      TEXT NULL,
    summary        TEXT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX ix_association_history_association ON association_history (association_id, occurred_on, id);
