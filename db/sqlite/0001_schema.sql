-- Reference tables and the association record (public part).
CREATE TABLE regions (
    code        TEXT NOT NULL PRIMARY KEY,
    iso_code    TEXT NOT NULL UNIQUE,
    name_fr     TEXT NOT NULL,
    name_ar     TEXT NOT NULL,
    capital_fr  TEXT NOT NULL
);

CREATE TABLE provinces (
    code        TEXT NOT NULL PRIMARY KEY,
    iso_code    TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL CHECK (type IN ('prefecture', 'province')),
    name_fr     TEXT NOT NULL,
    name_ar     TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code)
);
CREATE INDEX ix_provinces_region ON provinces (region_code);

CREATE TABLE domains (
    code        TEXT NOT NULL PRIMARY KEY,
    icnpo_group TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    name_ar     TEXT NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE counters (
    name  TEXT NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('registry_number', 1000000);

CREATE TABLE associations (
    id                          INTEGER PRIMARY KEY,
    registry_number             TEXT NOT NULL UNIQUE,
    kind                        TEXT NOT NULL CHECK (kind IN ('association', 'union', 'federation', 'foreign_association')),
    scope                       TEXT NOT NULL CHECK (scope IN ('local', 'provincial', 'regional', 'national')),
    status                      TEXT NOT NULL,
    name_fr                     TEXT NULL,
    name_ar                     TEXT NULL,
    name_zgh                    TEXT NULL,
    acronym                     TEXT NULL,
    object                      TEXT NOT NULL,
    seat_address                TEXT NOT NULL,
    commune                     TEXT NOT NULL,
    province_code               TEXT NOT NULL REFERENCES provinces (code),
    region_code                 TEXT NOT NULL REFERENCES regions (code),
    founded_on                  TEXT NOT NULL,
    provisional_receipt_number  TEXT NULL,
    provisional_receipt_date    TEXT NULL,
    definitive_receipt_number   TEXT NULL,
    definitive_receipt_date     TEXT NULL,
    public_utility_decree       TEXT NULL,
    public_utility_date         TEXT NULL,
    parent_id                   INTEGER NULL REFERENCES associations (id),
    contact_email               TEXT NULL,
    contact_phone               TEXT NULL,
    website                     TEXT NULL,
    dissolved_on                TEXT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    version                     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_associations_province ON associations (province_code);
CREATE INDEX ix_associations_region ON associations (region_code);
CREATE INDEX ix_associations_updated ON associations (updated_at, id);

CREATE TABLE association_domains (
    association_id INTEGER NOT NULL REFERENCES associations (id),
    domain_code    TEXT NOT NULL REFERENCES domains (code),
    PRIMARY KEY (association_id, domain_code)
);
CREATE INDEX ix_association_domains_domain ON association_domains (domain_code, association_id);
