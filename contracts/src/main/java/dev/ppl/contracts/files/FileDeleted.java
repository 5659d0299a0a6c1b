package dev.ppl.contracts.files;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A file was deleted. Reason: client, lease_rolled_back. */
@WireType("files.deleted.v1")
public record FileDeleted(String fileId, String leaseId, String reason, Instant deletedAt) implements FileEvent {
    public FileDeleted {
        text(fileId, "file_id");
        text(reason, "reason");
        present(deletedAt, "deleted_at");
    }
}
