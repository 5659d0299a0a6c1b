package dev.ppl.operations.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "component_versions")
public class ComponentVersionEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String componentId;
    public String workspaceId;
    public String version;
    public boolean prerelease;
    public String leaseId;
    public String harness;
    public String tags;
    public String descriptor;
    public Instant publishedAt;
}
