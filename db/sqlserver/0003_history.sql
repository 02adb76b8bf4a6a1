-- The public timeline of each association: deposit, receipts, declared changes, public utility, dissolution.
CREATE TABLE association_history (
    id             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    association_id BIGINT         NOT NULL REFERENCES associations (id),
    occurred_on    DATE           NOT NULL,
    type           VARCHAR(40)    NOT NULL,
    reference      NVARCHAR(200)  NULL,
    summary        NVARCHAR(1000) NULL,
    recorded_at    DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_association_history_association ON association_history (association_id, occurred_on, id);
