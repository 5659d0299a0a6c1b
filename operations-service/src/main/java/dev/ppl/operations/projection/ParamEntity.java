package dev.ppl.operations.projection;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "params")
public class ParamEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String backendId;
    public String vertexId;
    public String name;
    public String valueType;
    public String value;
}
