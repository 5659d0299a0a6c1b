package dev.ppl.operations.oplog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.command.BackendCommand;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.operations.OperationsConfig;
import dev.ppl.operations.catalog.VersionCache;
import dev.ppl.operations.graph.Decider;
import dev.ppl.operations.infra.BackendWriter;
import dev.ppl.operations.infra.CommandClient;
import dev.ppl.operations.projection.BackendProjector;
import dev.ppl.operations.projection.ProjectionStore;
import dev.ppl.service.kafka.DeadLetters;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The seam between the REST surface and the log: a command goes to the one writer of its backend (this
 * instance or another). A read after a write sees the write because a read first waits until the
 * projection has read the backend's partition of the log up to where the log ended when the read came
 * in: every acknowledged operation is committed below that end, whichever instance wrote or answered it.
 * So a single operation answers as soon as its transaction commits, without waiting for the projector;
 * the commands whose answers are read from the projection wait for it as before.
 */
@ApplicationScoped
public class OperationLog {
    private static final Logger LOG = Logger.getLogger(OperationLog.class);
    private final OperationsConfig config;
    private final ProjectionProgress progress;
    private final ProjectionStore store;
    private final BackendProjector projector;
    private final VersionCache versions;
    private final String bootstrap;
    private final EventPublisher publisher;
    private final DeadLetters deadLetters;
    private CommandClient client;
    private BackendWriter writer;
    private Admin admin;

    public OperationLog(OperationsConfig config, ProjectionProgress progress, ProjectionStore store, BackendProjector projector,
            VersionCache versions, EventPublisher publisher, DeadLetters deadLetters,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.progress = progress;
        this.store = store;
        this.projector = projector;
        this.versions = versions;
        this.bootstrap = bootstrap;
        this.publisher = publisher;
    }

    void start(@Observes StartupEvent startup) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        warnIfTheLogExpires();
        client = new CommandClient(bootstrap, publisher);
        CommandClient answers = client;
        writer = new BackendWriter(bootstrap, UUID.randomUUID().toString(),
                new CommandHandler(new Decider(versions::find, config.limits())), answers::answered, deadLetters).start();
    }

    /**
     * The topic is created by whoever installs the platform; a finite retention there silently loses every
     * backend older than it at the next rebuild or change of writer, so say so loudly (without holding the start).
     */
    private void warnIfTheLogExpires() {
        ConfigResource log = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BACKEND_OPERATIONS);
        admin.describeConfigs(List.of(log)).all().whenComplete((configs, failure) -> {
            if (failure != null) {
                LOG.warnf("the retention of %s could not be checked: %s", Topics.BACKEND_OPERATIONS, failure.getMessage());
                return;
            }
            for (String setting : List.of("retention.ms", "retention.bytes")) {
                ConfigEntry entry = configs.get(log).get(setting);
                if (entry != null && !"-1".equals(entry.value())) {
                    LOG.errorf("%s has %s=%s: the operation log is the source of truth and is replayed from its beginning, "
                            + "so backends older than that are lost; set retention.ms=-1 and retention.bytes=-1 on it",
                            Topics.BACKEND_OPERATIONS, setting, entry.value());
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (writer != null) {
            writer.close();
        }
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends the command to the backend's writer and answers once it is committed to the log; a later
     * {@link #awaitReadable(String)} sees it.
     */
    public BackendCommandAnswered submit(BackendCommand command) {
        int bytes = Events.CODEC.encodeBytes(command).length;
        if (bytes > config.maxCommandBytes()) {
            // A fork carries its source's operations; a patch, its operations: either names what made it large.
            throw LimitExceededException.tooLarge(
                    command instanceof CreateBackend ? "source_backend_id" : "operations", config.maxCommandBytes(),
                    "ppl.operations.max-command-bytes", bytes);
        }
        return client.send(command, config.commandTimeout());
    }

    /** Whether this instance's writer is taking commands: false while it starts or restarts after a failure. */
    public boolean writerServing() {
        return writer != null && writer.serving() && client.alive();
    }

    /** Sends the command to the backend's writer and answers once what it appended is projected. */
    public BackendCommandAnswered submitProjected(BackendCommand command) {
        BackendCommandAnswered answer = submit(command);
        if (answer.lastSeq() != null) {
            awaitProjected(answer.backendId(), answer.lastSeq());
        }
        return answer;
    }

    /**
     * Waits until the projection shows everything committed to the backend's partition of the log so far.
     * The end asked for is the high watermark rather than the last stable offset: the stable offset can lag
     * behind an acknowledged transaction while an earlier one of a writer that lost its partition is still
     * open, and the high watermark is past every acknowledged record in any case.
     */
    public void awaitReadable(String backendId) {
        int partition = partitionOf(backendId);
        TopicPartition tp = new TopicPartition(Topics.BACKEND_OPERATIONS, partition);
        Duration wait = config.projectionWait();
        long end;
        try {
            end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .partitionResult(tp).get(wait.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notProjected(backendId, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw notProjected(backendId, "the end of its log is unknown: " + e);
        }
        boolean projected;
        try {
            projected = progress.awaitPosition(partition, end, wait, projector.projectsHere(partition) ? null
                    : () -> store.position(Topics.BACKEND_OPERATIONS, partition));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            projected = false;
        }
        if (!projected) {
            throw notProjected(backendId, "the projection has not read its log up to offset " + end + " within "
                    + wait.toMillis() + " ms");
        }
    }

    private static ProblemException notProjected(String backendId, String why) {
        return new ProblemException(503, "Service unavailable", "backend " + backendId
                + " cannot be read consistently with its log yet (" + why + "); read it again shortly", null, null);
    }

    private int partitionOf(String backendId) {
        return Utils.toPositive(Utils.murmur2(backendId.getBytes(StandardCharsets.UTF_8))) % config.operationsPartitions();
    }

    private void awaitProjected(String backendId, long seq) {
        int partition = partitionOf(backendId);
        boolean projected;
        try {
            projected = progress.await(partition, backendId, seq, config.projectionWait(),
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
