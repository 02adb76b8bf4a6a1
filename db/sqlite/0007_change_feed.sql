-- The change feed: one event per change to a public record, its position taken in the change's own transaction.
CREATE TABLE change_events (
    position        INTEGER NOT NULL PRIMARY KEY,
    occurred_at     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    type            TEXT NOT NULL,
    association_id  INTEGER NOT NULL REFERENCES associations (id),
    registry_number TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    province_code   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    changed_fields  TEXT NOT NULL,
    record          TEXT NOT NULL
);
CREATE INDEX ix_change_events_recorded ON change_events (recorded_at);

-- The public record as last published in the feed, to tell which fields a change touched.
CREATE TABLE association_published (
    association_id INTEGER NOT NULL PRIMARY KEY REFERENCES associations (id),
    record         TEXT NOT NULL
);

INSERT INTO counters (name, value) VALUES ('change_feed', 0);
