package dev.ppl.operations.projection;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "edges")
public class EdgeEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String backendId;
    public String fromVertex;
    public int fromOutput;
    public String toVertex;
    public int toInput;
}
