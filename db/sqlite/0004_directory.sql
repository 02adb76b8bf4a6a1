-- The public directory's search index, maintained with every write of an association (AssociationWrites).
-- Terms and keys are normalised in C# (Domain/SearchText) and compared in binary order, as on SQL Server (BIN2),
-- so that prefix ranges and name order are the same on both providers.
CREATE TABLE association_search_terms (
    term           TEXT    NOT NULL,
    association_id INTEGER NOT NULL REFERENCES associations (id),
    weight         INTEGER NOT NULL
);
CREATE INDEX ix_association_search_terms_term ON association_search_terms (term, association_id, weight);
CREATE INDEX ix_association_search_terms_association ON association_search_terms (association_id, term, weight);

CREATE TABLE association_search_names (
    name_key       TEXT    NOT NULL,
    association_id INTEGER NOT NULL REFERENCES associations (id)
);
CREATE INDEX ix_association_search_names_key ON association_search_names (name_key, association_id);
CREATE INDEX ix_association_search_names_association ON association_search_names (association_id);

CREATE TABLE association_sort_names (
    association_id INTEGER NOT NULL PRIMARY KEY REFERENCES associations (id),
    sort_name      TEXT    NOT NULL
);
CREATE INDEX ix_association_sort_names_name ON association_sort_names (sort_name, association_id);

CREATE INDEX ix_associations_founded ON associations (founded_on, id);
CREATE INDEX ix_associations_status ON associations (status);
