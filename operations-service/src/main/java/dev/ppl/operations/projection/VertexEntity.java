package dev.ppl.operations.projection;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "vertices")
public class VertexEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String backendId;
    public String vertexId;
    public String versionId;
    public String alias;
    public long position;
}
