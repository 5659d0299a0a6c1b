package dev.ppl.lease.outputs;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One output file of a lease's live test: the manifest's {@code output_files[]} entry, resolved. */
@Entity
@Table(name = "lease_outputs")
@IdClass(LeaseOutputEntity.Key.class)
public class LeaseOutputEntity extends PanacheEntityBase {
    @Id
    public String leaseId;
    @Id
    public String name;
    public String vertex;
    public String vertexId;
    @Column(name = "file_key")
    public String key;
    public String deploymentId;

    public static class Key implements Serializable {
        public String leaseId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(leaseId, k.leaseId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(leaseId, name);
        }
    }
}
