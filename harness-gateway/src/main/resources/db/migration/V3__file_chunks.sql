-- An upload's bytes, in chunks written as its body arrives, so no upload or download is ever held whole in
-- memory. The chunks go with their file row (lease cleanup deletes the row).
CREATE TABLE file_chunks (
    file_id  text    NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    seq      integer NOT NULL,
    bytes    bytea   NOT NULL,
    PRIMARY KEY (file_id, seq)
);

INSERT INTO file_chunks (file_id, seq, bytes) SELECT id, 0, content FROM files WHERE content IS NOT NULL;

-- A row without source_uri is an upload; its bytes are its chunks.
ALTER TABLE files DROP CONSTRAINT files_bytes_or_link;
ALTER TABLE files DROP COLUMN content;
