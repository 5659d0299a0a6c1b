package dev.ppl.gateway.harness;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "endpoint_tokens")
public class EndpointTokenEntity extends PanacheEntityBase {
    @Id
    public String tokenHash;
    public String deploymentId;
    public String vertexId;
    public String workspaceId;
    public Instant createdAt;
}
