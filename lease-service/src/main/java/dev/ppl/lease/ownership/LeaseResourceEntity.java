package dev.ppl.lease.ownership;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One row a lease owns, as its owner announced it when it created the row. */
@Entity
@Table(name = "lease_resources")
@IdClass(LeaseResourceEntity.Key.class)
public class LeaseResourceEntity extends PanacheEntityBase {
    @Id
    public String leaseId;
    @Id
    public String kind;
    @Id
    @Column(name = "resource_id")
    public String resourceId;
    public String owner;
    public Instant recordedAt;
    public Instant promotedAt;

    public static class Key implements Serializable {
        public String leaseId;
        public String kind;
        public String resourceId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(leaseId, k.leaseId) && Objects.equals(kind, k.kind)
                    && Objects.equals(resourceId, k.resourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(leaseId, kind, resourceId);
        }
    }
}
