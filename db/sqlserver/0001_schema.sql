-- Reference tables and the association record (public part).
CREATE TABLE regions (
    code        VARCHAR(2)    NOT NULL PRIMARY KEY,
    iso_code    VARCHAR(10)   NOT NULL UNIQUE,
    name_fr     NVARCHAR(100) NOT NULL,
    name_ar     NVARCHAR(100) NOT NULL,
    capital_fr  NVARCHAR(100) NOT NULL
);

CREATE TABLE provinces (
    code        VARCHAR(6)    NOT NULL PRIMARY KEY,
    iso_code    VARCHAR(10)   NOT NULL UNIQUE,
    type        VARCHAR(12)   NOT NULL CHECK (type IN ('prefecture', 'province')),
    name_fr     NVARCHAR(100) NOT NULL,
    name_ar     NVARCHAR(100) NOT NULL,
    region_code VARCHAR(2)    NOT NULL REFERENCES regions (code)
);
CREATE INDEX ix_provinces_region ON provinces (region_code);

CREATE TABLE domains (
    code        VARCHAR(32)   NOT NULL PRIMARY KEY,
    icnpo_group VARCHAR(8)    NOT NULL,
    name_fr     NVARCHAR(100) NOT NULL,
    name_ar     NVARCHAR(100) NOT NULL,
    sort_order  INT           NOT NULL
);

CREATE TABLE counters (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO counters (name, value) VALUES ('registry_number', 1000000);

CREATE TABLE associations (
    id                          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    registry_number             VARCHAR(16)    NOT NULL UNIQUE,
    kind                        VARCHAR(24)    NOT NULL CHECK (kind IN ('association', 'union', 'federation', 'foreign_association')),
    scope                       VARCHAR(12)    NOT NULL CHECK (scope IN ('local', 'provincial', 'regional', 'national')),
    status                      VARCHAR(24)    NOT NULL,
    name_fr                     NVARCHAR(400)  NULL,
    name_ar                     NVARCHAR(400)  NULL,
    name_zgh                    NVARCHAR(400)  NULL,
    acronym                     NVARCHAR(40)   NULL,
    object                      NVARCHAR(4000) NOT NULL,
    seat_address                NVARCHAR(400)  NOT NULL,
    commune                     NVARCHAR(200)  NOT NULL,
    province_code               VARCHAR(6)     NOT NULL REFERENCES provinces (code),
    region_code                 VARCHAR(2)     NOT NULL REFERENCES regions (code),
    founded_on                  DATE           NOT NULL,
    provisional_receipt_number  VARCHAR(40)    NULL,
    provisional_receipt_date    DATE           NULL,
    definitive_receipt_number   VARCHAR(40)    NULL,
    definitive_receipt_date     DATE           NULL,
    public_utility_decree       VARCHAR(40)    NULL,
    public_utility_date         DATE           NULL,
    parent_id                   BIGINT         NULL REFERENCES associations (id),
    contact_email               NVARCHAR(200)  NULL,
    contact_phone               VARCHAR(40)    NULL,
    website                     NVARCHAR(400)  NULL,
    dissolved_on                DATE           NULL,
    created_at                  DATETIMEOFFSET NOT NULL,
    updated_at                  DATETIMEOFFSET NOT NULL,
    version                     INT            NOT NULL DEFAULT 1
);
CREATE INDEX ix_associations_province ON associations (province_code);
CREATE INDEX ix_associations_region ON associations (region_code);
CREATE INDEX ix_associations_updated ON associations (updated_at, id);

CREATE TABLE association_domains (
    association_id BIGINT      NOT NULL REFERENCES associations (id),
    domain_code    VARCHAR(32) NOT NULL REFERENCES domains (code),
    PRIMARY KEY (association_id, domain_code)
);
CREATE INDEX ix_association_domains_domain ON association_domains (domain_code, association_id);
