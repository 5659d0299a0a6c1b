-- A file row may be a link: it names where its content lives (source_uri) instead of holding the bytes,
-- and says which pipelang file type that content is. Its size is not known, so size may be null too.
ALTER TABLE files
    ADD COLUMN source_uri  text,
    ADD COLUMN source_kind text,
    ADD COLUMN file_type   text,
    ALTER COLUMN content DROP NOT NULL,
    ALTER COLUMN size DROP NOT NULL;

-- Exactly one of the two: a row with neither could not be read, a row with both would be ambiguous.
ALTER TABLE files ADD CONSTRAINT files_bytes_or_link CHECK ((content IS NULL) <> (source_uri IS NULL));
