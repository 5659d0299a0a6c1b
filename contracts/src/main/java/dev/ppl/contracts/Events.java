package dev.ppl.contracts;

import java.util.List;

import dev.ppl.contracts.backend.AddConstraint;
import dev.ppl.contracts.backend.AddFile;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.ChangeAlias;
import dev.ppl.contracts.backend.ChangeEndpointAlias;
import dev.ppl.contracts.backend.ChangeHostPortBinding;
import dev.ppl.contracts.backend.ChangeLayout;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.ChangeServiceConfig;
import dev.ppl.contracts.backend.ChangeVersion;
import dev.ppl.contracts.backend.ChangeVolumeMount;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.RestoreVertex;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.backend.command.ApplyOperations;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.backend.command.CompactLog;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.contracts.backend.command.DeleteBackend;
import dev.ppl.contracts.backend.command.UndoOperations;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcePromoted;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;

/** The codec for every Kafka event and command of the platform. */
public final class Events {

    public static final JsonCodec CODEC = new JsonCodec(List.of(
            LeaseOpened.class, LeaseRolledBack.class, LeaseCommitted.class, LeaseResourcesReleased.class,
            LeaseResourcePromoted.class,
            BackendCreated.class, OperationRecorded.class, LogCompacted.class, BackendDeleted.class,
            VertexAdded.class, EdgeConnected.class, ParameterChanged.class,
            AddVertex.class, DeleteVertex.class, RestoreVertex.class, Connect.class, Disconnect.class, ChangeVersion.class,
            ChangeParameter.class, AddFile.class, AddConstraint.class, ChangeAlias.class, ChangeLayout.class,
            ChangeMetadata.class, ChangeEndpointAlias.class, ChangeHostPortBinding.class, ChangeVolumeMount.class,
            ChangeServiceConfig.class,
            CreateBackend.class, ApplyOperations.class, UndoOperations.class, CompactLog.class, DeleteBackend.class,
            BackendCommandAnswered.class,
            ComponentVersionPublished.class, ComponentVersionDeleted.class,
            DeploymentStarted.class, ContainerStatusChanged.class, DeploymentStopped.class, DeploymentStatusChanged.class,
            FileStored.class, FileDeleted.class));

    private Events() {
    }
}
