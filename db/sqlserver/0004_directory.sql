-- The public directory's search index, maintained with every write of an association (AssociationWrites).
-- Terms and keys are normalised in C# (Domain/SearchText) and compared in binary order (BIN2), as on SQLite,
-- so that prefix ranges and name order are the same on both providers.
CREATE TABLE association_search_terms (
    term           NVARCHAR(40)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    association_id BIGINT        NOT NULL REFERENCES associations (id),
    weight         INT           NOT NULL
);
CREATE CLUSTERED INDEX ix_association_search_terms_term ON association_search_terms (term, association_id);
CREATE INDEX ix_association_search_terms_association ON association_search_terms (association_id, term) INCLUDE (weight);

CREATE TABLE association_search_names (
    name_key       NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    association_id BIGINT        NOT NULL REFERENCES associations (id)
);
CREATE INDEX ix_association_search_names_key ON association_search_names (name_key, association_id);
CREATE INDEX ix_association_search_names_association ON association_search_names (association_id);

CREATE TABLE association_sort_names (
    association_id BIGINT        NOT NULL PRIMARY KEY REFERENCES associations (id),
    sort_name      NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_association_sort_names_name ON association_sort_names (sort_name, association_id);

CREATE INDEX ix_associations_founded ON associations (founded_on, id);
CREATE INDEX ix_associations_status ON associations (status);
