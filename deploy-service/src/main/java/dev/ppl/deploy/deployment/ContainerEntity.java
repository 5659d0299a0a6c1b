package dev.ppl.deploy.deployment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "containers")
public class ContainerEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String deploymentId;
    public String vertexId;
    public String status;
    public int restarts;
    public Integer exitCode;
    public String message;
    /** The {@code Workload} as JSON, to start the container again after a restart of the service. */
    public String workload;
}
