package dev.ppl.lease.deployment;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A container of a lease's deployment as its last event left it. */
@Entity
@Table(name = "container_states")
public class ContainerStateEntity extends PanacheEntityBase {
    @Id
    public String containerId;
    public String deploymentId;
    public String vertexId;
    public String status;
    public int restarts;
    public Integer exitCode;
    public String message;
    public Instant at;
}
