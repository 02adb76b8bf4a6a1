-- Open-data snapshots of the public register and their files.
CREATE TABLE open_data_snapshots (
    id            TEXT NOT NULL PRIMARY KEY,
    taken_at      TEXT NOT NULL,
    feed_position INTEGER NULL,
    row_count     INTEGER NOT NULL
);

CREATE TABLE open_data_files (
    snapshot_id TEXT NOT NULL REFERENCES open_data_snapshots (id),
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    compressed  INTEGER NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, file_name)
);
