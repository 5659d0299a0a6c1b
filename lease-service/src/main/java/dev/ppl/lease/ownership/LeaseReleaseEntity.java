package dev.ppl.lease.ownership;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An owner's acknowledgement that it released what it owned for a closed lease. */
@Entity
@Table(name = "lease_releases")
@IdClass(LeaseReleaseEntity.Key.class)
public class LeaseReleaseEntity extends PanacheEntityBase {
    @Id
    public String leaseId;
    @Id
    public String owner;
    public Instant releasedAt;

    public static class Key implements Serializable {
        public String leaseId;
        public String owner;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(leaseId, k.leaseId) && Objects.equals(owner, k.owner);
        }

        @Override
        public int hashCode() {
            return Objects.hash(leaseId, owner);
        }
    }
}
