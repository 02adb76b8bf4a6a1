-- Open-data snapshots of the public register and their files.
CREATE TABLE open_data_snapshots (
    id            VARCHAR(32)    NOT NULL PRIMARY KEY,
    taken_at      DATETIMEOFFSET NOT NULL,
    feed_position BIGINT         NULL,
    row_count     BIGINT         NOT NULL
);

CREATE TABLE open_data_files (
    snapshot_id VARCHAR(32)  NOT NULL REFERENCES open_data_snapshots (id),
    file_name   VARCHAR(64)  NOT NULL,
    format      VARCHAR(16)  NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    compressed  BIT          NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    PRIMARY KEY (snapshot_id, file_name)
);
