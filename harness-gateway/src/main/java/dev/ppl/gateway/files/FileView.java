package dev.ppl.gateway.files;

import java.time.Instant;

/** A stored file's metadata. */
public record FileView(String fileId, String name, String mediaType, long size, String leaseId, Instant createdAt) {
    static FileView of(FileEntity f) {
        return new FileView(f.id, f.name, f.mediaType, f.size, f.leaseId, f.createdAt);
    }
}
