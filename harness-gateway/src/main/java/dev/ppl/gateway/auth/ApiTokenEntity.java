package dev.ppl.gateway.auth;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "api_tokens")
public class ApiTokenEntity extends PanacheEntityBase {
    @Id
    public String tokenHash;
    public String workspaceId;
    public Instant createdAt;
}
