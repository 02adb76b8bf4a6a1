-- The registration workflow: declarations and their receipts, idempotency records, the audit log, API keys,
-- foreign-funding declarations. Bureau members' personal data (law 09-08) lives only in declarations.content.
INSERT INTO counters (name, value) VALUES ('receipt_number', 0);

CREATE TABLE declarations (
    id                          INTEGER PRIMARY KEY,
    kind                        TEXT NOT NULL CHECK (kind IN ('founding', 'bureau_renewal', 'statute_amendment', 'seat_transfer', 'branch_opening', 'voluntary_dissolution')),
    status                      TEXT NOT NULL,
    province_code               TEXT NOT NULL REFERENCES provinces (code),
    association_id              INTEGER NULL REFERENCES associations (id),
    filed_by                    TEXT NOT NULL,
    content                     TEXT NOT NULL,
    provisional_receipt_number  TEXT NULL,
    provisional_receipt_date    TEXT NULL,
    deposited_at                TEXT NULL,
    definitive_receipt_number   TEXT NULL,
    definitive_receipt_date     TEXT NULL,
    decided_by                  TEXT NULL,
    decided_at                  TEXT NULL,
    decision_reason             TEXT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    version                     INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_declarations_provisional_receipt ON declarations (provisional_receipt_number) WHERE provisional_receipt_number IS NOT NULL;
CREATE UNIQUE INDEX ux_declarations_definitive_receipt ON declarations (definitive_receipt_number) WHERE definitive_receipt_number IS NOT NULL;
CREATE INDEX ix_declarations_filed_by ON declarations (filed_by, id);
CREATE INDEX ix_declarations_province ON declarations (province_code, id);
CREATE INDEX ix_declarations_clock ON declarations (status, deposited_at);

CREATE TABLE idempotency_keys (
    principal       TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    operation       TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    status_code     INTEGER NULL,
    response_body   TEXT NULL,
    response_etag   TEXT NULL,
    locked_until    TEXT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    reason       TEXT NULL,
    before_state TEXT NULL,
    after_state  TEXT NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id, id);
-- Append-only: no route edits it, and the database refuses to.
CREATE TRIGGER tr_audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER tr_audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NULL
);

CREATE TABLE foreign_fundings (
    id             INTEGER PRIMARY KEY,
    association_id INTEGER NOT NULL REFERENCES associations (id),
    received_on    TEXT NOT NULL,
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    origin_country TEXT NOT NULL,
    donor          TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX ix_foreign_fundings_association ON foreign_fundings (association_id, received_on);
