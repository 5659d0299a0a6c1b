package dev.ppl.lease.deployment;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A lease's deployment as its last deploy event left it. */
@Entity
@Table(name = "deployment_states")
public class DeploymentStateEntity extends PanacheEntityBase {
    @Id
    public String deploymentId;
    public String leaseId;
    public String status;
    public String message;
    public Integer exitCode;
    public Instant at;
}
