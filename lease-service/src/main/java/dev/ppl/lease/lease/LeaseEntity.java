package dev.ppl.lease.lease;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "leases")
public class LeaseEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String runtime;
    public String label;
    public String state;
    public long ttlSeconds;
    public Instant expiresAt;
    public String cleanupPolicy;
    public Instant createdAt;
    public Instant closedAt;
    public String closeReason;
    public boolean closePublished;
    public String resultStatus;
    public String result;
    public String resultDebug;
    public Instant resultAt;
}
