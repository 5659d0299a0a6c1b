package dev.ppl.operations.oplog;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ppl.contracts.backend.command.BackendCommand;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.operations.OperationsConfig;
import dev.ppl.operations.catalog.VersionCache;
import dev.ppl.operations.graph.Decider;
import dev.ppl.operations.infra.BackendWriter;
import dev.ppl.operations.infra.CommandClient;
import dev.ppl.operations.projection.BackendProjector;
import dev.ppl.operations.projection.ProjectionStore;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.web.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The seam between the REST surface and the log: a command goes to the one writer of its backend (this
 * instance or another), and the answer comes back once the projection shows it, so a read after a write
 * sees the write.
 */
@ApplicationScoped
public class OperationLog {
    private final OperationsConfig config;
    private final ProjectionProgress progress;
    private final ProjectionStore store;
    private final BackendProjector projector;
    private final VersionCache versions;
    private final String bootstrap;
    private final EventPublisher publisher;
    private CommandClient client;
    private BackendWriter writer;

    public OperationLog(OperationsConfig config, ProjectionProgress progress, ProjectionStore store, BackendProjector projector,
            VersionCache versions, EventPublisher publisher,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.config = config;
        this.progress = progress;
        this.store = store;
        this.projector = projector;
        this.versions = versions;
        this.bootstrap = bootstrap;
        this.publisher = publisher;
    }

    void start(@Observes StartupEvent startup) {
        client = new CommandClient(bootstrap, publisher);
        writer = new BackendWriter(bootstrap, UUID.randomUUID().toString(),
                new CommandHandler(new Decider(versions::find))).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (writer != null) {
            writer.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Sends the command to the backend's writer and answers once what it appended is projected. */
    public BackendCommandAnswered submit(BackendCommand command) {
        BackendCommandAnswered answer = client.send(command, config.commandTimeout());
        if (answer.lastSeq() != null) {
            awaitProjected(answer.backendId(), answer.lastSeq());
        }
        return answer;
    }

    private void awaitProjected(String backendId, long seq) {
        int partition = Utils.toPositive(Utils.murmur2(backendId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % config.operationsPartitions();
        boolean projected;
        try {
            projected = progress.await(backendId, seq, config.projectionWait(),
                    projector.projectsHere(partition) ? null : () -> store.seq(backendId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            projected = false;
        }
        if (!projected) {
            throw new ProblemException(503, "Service unavailable", "operation " + seq + " of backend " + backendId
                    + " is in the log but not projected yet; read it again shortly", null, null);
        }
    }
}
