package dev.ppl.operations.projection;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "backends")
public class BackendEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String name;
    public String leaseId;
    public long seq;
    public boolean deleted;
    /** Vertices ever added; the next vertex id is this plus one, so an id is never reused. */
    public long vertexCount;
    public Instant createdAt;
}
