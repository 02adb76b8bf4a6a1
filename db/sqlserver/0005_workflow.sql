-- The registration workflow: declarations and their receipts, idempotency records, the audit log, API keys,
-- foreign-funding declarations. Bureau members' personal data (law 09-08) lives only in declarations.content.
INSERT INTO counters (name, value) VALUES ('receipt_number', 0);

CREATE TABLE declarations (
    id                          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    kind                        VARCHAR(24)    NOT NULL CHECK (kind IN ('founding', 'bureau_renewal', 'statute_amendment', 'seat_transfer', 'branch_opening', 'voluntary_dissolution')),
    status                      VARCHAR(24)    NOT NULL,
    province_code               VARCHAR(6)     NOT NULL REFERENCES provinces (code),
    association_id              BIGINT         NULL REFERENCES associations (id),
    filed_by                    NVARCHAR(200)  NOT NULL,
    content                     NVARCHAR(MAX)  NOT NULL,
    provisional_receipt_number  VARCHAR(40)    NULL,
    provisional_receipt_date    DATE           NULL,
    deposited_at                DATETIMEOFFSET NULL,
    definitive_receipt_number   VARCHAR(40)    NULL,
    definitive_receipt_date     DATE           NULL,
    decided_by                  NVARCHAR(200)  NULL,
    decided_at                  DATETIMEOFFSET NULL,
    decision_reason             NVARCHAR(2000) NULL,
    created_at                  DATETIMEOFFSET NOT NULL,
    updated_at                  DATETIMEOFFSET NOT NULL,
    version                     INT            NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_declarations_provisional_receipt ON declarations (provisional_receipt_number) WHERE provisional_receipt_number IS NOT NULL;
CREATE UNIQUE INDEX ux_declarations_definitive_receipt ON declarations (definitive_receipt_number) WHERE definitive_receipt_number IS NOT NULL;
CREATE INDEX ix_declarations_filed_by ON declarations (filed_by, id);
CREATE INDEX ix_declarations_province ON declarations (province_code, id);
CREATE INDEX ix_declarations_clock ON declarations (status, deposited_at);

CREATE TABLE idempotency_keys (
    principal       NVARCHAR(200)  NOT NULL,
    idempotency_key NVARCHAR(100)  NOT NULL,
    operation       NVARCHAR(200)  NOT NULL,
    fingerprint     VARCHAR(64)    NOT NULL,
    status_code     INT            NULL,
    response_body   NVARCHAR(MAX)  NULL,
    response_etag   VARCHAR(40)    NULL,
    locked_until    DATETIMEOFFSET NULL,
    created_at      DATETIMEOFFSET NOT NULL,
    expires_at      DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);

CREATE TABLE audit_log (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    occurred_at  DATETIMEOFFSET NOT NULL,
    actor        NVARCHAR(200)  NOT NULL,
    action       VARCHAR(60)    NOT NULL,
    entity       VARCHAR(40)    NOT NULL,
    entity_id    VARCHAR(40)    NOT NULL,
    reason       NVARCHAR(2000) NULL,
    before_state NVARCHAR(MAX)  NULL,
    after_state  NVARCHAR(MAX)  NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id, id);
GO
-- Append-only: no route edits it, and the database refuses to.
CREATE TRIGGER tr_audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50000, 'audit_log is append-only', 1;
END;
GO

CREATE TABLE api_keys (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    name        NVARCHAR(200)  NOT NULL,
    prefix      VARCHAR(16)    NOT NULL,
    secret_hash VARCHAR(64)    NOT NULL UNIQUE,
    scopes      NVARCHAR(1000) NOT NULL,
    created_by  NVARCHAR(200)  NOT NULL,
    created_at  DATETIMEOFFSET NOT NULL,
    revoked_at  DATETIMEOFFSET NULL
);

CREATE TABLE foreign_fundings (
    id             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    association_id BIGINT         NOT NULL REFERENCES associations (id),
    received_on    DATE           NOT NULL,
    amount         DECIMAL(18, 2) NOT NULL,
    currency       CHAR(3)        NOT NULL,
    origin_country CHAR(2)        NOT NULL,
    donor          NVARCHAR(400)  NOT NULL,
    recorded_by    NVARCHAR(200)  NOT NULL,
    recorded_at    DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_foreign_fundings_association ON foreign_fundings (association_id, received_on);
