package dev.ppl.gateway.auth;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "workspaces")
public class WorkspaceEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public Instant createdAt;
}
