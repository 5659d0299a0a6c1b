package dev.ppl.contracts;

import java.util.List;

import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;

/** The codec for every Kafka event and command of the platform. */
public final class Events {

    public static final JsonCodec CODEC = new JsonCodec(List.of(
            LeaseOpened.class, LeaseRolledBack.class, LeaseCommitted.class, LeaseResourcesReleased.class,
            BackendCreated.class, VertexAdded.class, EdgeConnected.class, ParameterChanged.class, BackendDeleted.class,
            AddVertex.class, Connect.class, ChangeParameter.class, DeleteVertex.class, Disconnect.class,
            ComponentVersionPublished.class, ComponentVersionDeleted.class,
            DeploymentStarted.class, ContainerStatusChanged.class, DeploymentStopped.class,
            FileStored.class, FileDeleted.class));

    private Events() {
    }
}
