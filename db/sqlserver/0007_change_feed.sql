-- The change feed: one event per change to a public record, its position taken in the change's own transaction.
CREATE TABLE change_events (
    position        BIGINT         NOT NULL PRIMARY KEY,
    occurred_at     DATETIMEOFFSET NOT NULL,
    recorded_at     DATETIMEOFFSET NOT NULL,
    type            VARCHAR(40)    NOT NULL,
    association_id  BIGINT         NOT NULL REFERENCES associations (id),
    registry_number VARCHAR(16)    NOT NULL,
    region_code     VARCHAR(2)     NOT NULL,
    province_code   VARCHAR(6)     NOT NULL,
    kind            VARCHAR(24)    NOT NULL,
    changed_fields  NVARCHAR(MAX)  NOT NULL,
    record          NVARCHAR(MAX)  NOT NULL
);
CREATE INDEX ix_change_events_recorded ON change_events (recorded_at);

-- The public record as last published in the feed, to tell which fields a change touched.
CREATE TABLE association_published (
    association_id BIGINT        NOT NULL PRIMARY KEY REFERENCES associations (id),
    record         NVARCHAR(MAX) NOT NULL
);

INSERT INTO counters (name, value) VALUES ('change_feed', 0);
