package dev.ppl.operations.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "components")
public class ComponentEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String workspaceId;
    public String name;
    public Instant createdAt;
}
