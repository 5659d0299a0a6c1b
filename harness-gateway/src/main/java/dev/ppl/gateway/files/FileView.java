package dev.ppl.gateway.files;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored file's metadata. Every member is always present, null included, so a client can tell an upload
 * ({@code source_uri} null) from a link without knowing which members the other kind has.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileView(String fileId, String name, String mediaType, Long size, String leaseId, String sourceUri,
        String sourceKind, String fileType, Instant createdAt) {
    static FileView of(FileEntity f) {
        return new FileView(f.id, f.name, f.mediaType, f.size, f.leaseId, f.sourceUri, f.sourceKind, f.fileType,
                f.createdAt);
    }
}
