package dev.ppl.operations.projection;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The projector's next offset per partition, kept in the same transaction as what it projects. */
@Entity
@Table(name = "projector_positions")
public class ProjectorPositionEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String topic;
    public int partition;
    public long nextOffset;
}
