package dev.ppl.contracts.files;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A file (fixture, output) was stored in a workspace, stamped with its lease if any. */
@WireType("files.stored.v1")
public record FileStored(String fileId, String workspaceId, String name, String mediaType, long size, String leaseId,
        Instant storedAt) implements FileEvent {
    public FileStored {
        text(fileId, "file_id");
        text(workspaceId, "workspace_id");
        text(name, "name");
        text(mediaType, "media_type");
        nonNegative(size, "size");
        present(storedAt, "stored_at");
    }
}
