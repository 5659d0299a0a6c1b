package dev.ppl.gateway.files;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "files")
public class FileEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String name;
    public String mediaType;
    public long size;
    public String leaseId;
    public byte[] content;
    public Instant createdAt;
}
