package dev.ppl.operations.projection;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "operations")
public class OperationEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String backendId;
    public long seq;
    public String type;
    public String event;
    public Instant recordedAt;
}
