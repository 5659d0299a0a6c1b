package dev.ppl.deploy.deployment;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "deployments")
public class DeploymentEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String backendId;
    public long backendSeq;
    public String runtime;
    public String leaseId;
    public String status;
    public String message;
    public String vertices;
    public Instant createdAt;
    public Instant stoppedAt;
    /** When a deployment with a fixed duration is undeployed. */
    public Instant undeployAt;
}
