package dev.ppl.gateway.files;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A file row: either an upload, whose bytes are its chunks in {@link FileStore}, or a link to bytes elsewhere
 * ({@code sourceUri}).
 */
@Entity
@Table(name = "files")
public class FileEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String name;
    public String mediaType;
    /** Null for a link: the bytes are elsewhere and may change. */
    public Long size;
    public String leaseId;
    public String sourceUri;
    public String sourceKind;
    public String fileType;
    public Instant createdAt;

    public boolean isLink() {
        return sourceUri != null;
    }
}
