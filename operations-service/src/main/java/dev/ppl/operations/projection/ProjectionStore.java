package dev.ppl.operations.projection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.GraphDocument;
import dev.ppl.operations.infra.PositionConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The projection's tables. Written in batches with the reactive client's prepared batches rather than
 * entity by entity: a rebuild replays the whole topic, and per-row ORM round trips would dominate it.
 * The projector's writes complete a stage, so it can decode the next batch meanwhile; the reads are
 * called from worker threads and wait for their result.
 */
@ApplicationScoped
public class ProjectionStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Pool pool;

    public ProjectionStore(Pool pool) {
        this.pool = pool;
    }

    /** What one batch of the log changed. */
    public record Changes(Collection<BackendState> backends, List<Logged> applied, List<LogCompacted> compactions) {
    }

    /**
     * Where a batch of a partition ends, and the position its reader stored last (null: it stored none and
     * found none).
     */
    public record Position(String topic, int partition, Long stored, long next) {
    }

    /** An event of the log and its record's JSON as written. */
    public record Logged(BackendEvent event, String json) {
    }

    /**
     * Moves the partition's position, loads the backends' graphs, lets {@code fold} apply the batch to them, and
     * stores the result, in one transaction; completes when it is committed. Fails with
     * {@link PositionConflictException}, having changed nothing, when the stored position is not
     * {@code position.stored()}.
     */
    public CompletionStage<Void> write(Position position, Set<String> backendIds,
            Function<Map<String, BackendState>, Changes> fold) {
        return pool.withTransaction(conn -> storePosition(conn, position)
                .chain(() -> conn.preparedQuery("SELECT graph FROM operations.backends WHERE id = ANY($1)")
                        .execute(Tuple.of(backendIds.toArray(new String[0]))))
                .chain(rows -> {
                    Map<String, BackendState> current = new HashMap<>();
                    for (Row row : rows) {
                        BackendState state = BackendState.of(document(row.getString("graph")));
                        current.put(state.backendId(), state);
                    }
                    return store(conn, fold.apply(current));
                })).subscribeAsCompletionStage();
    }

    private Uni<Void> store(SqlConnection conn, Changes changes) {
        List<Tuple> backends = new ArrayList<>();
        for (BackendState s : changes.backends()) {
            GraphDocument doc = s.document();
            // Arrays.asList: lease and source may be null.
            backends.add(Tuple.tuple(java.util.Arrays.asList(doc.backendId(), doc.workspaceId(), doc.name(), doc.leaseId(),
                    doc.seq(),
                    doc.deleted(), utc(doc.createdAt()), doc.vertexCount(), doc.baseSeq(), doc.sourceBackendId(), json(doc))));
        }
        int n = changes.applied().size();
        String[] backendIds = new String[n];
        Long[] seqs = new Long[n];
        String[] types = new String[n];
        String[] events = new String[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            BackendEvent e = changes.applied().get(i).event();
            backendIds[i] = e.backendId();
            seqs[i] = e.seq();
            types[i] = JsonCodec.wireType(e.getClass());
            events[i] = changes.applied().get(i).json();
            recordedAt[i] = utc(e.recordedAt());
        }
        Uni<?> chain = Uni.createFrom().voidItem();
        if (!backends.isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("""
                    INSERT INTO operations.backends (id, workspace_id, name, lease_id, seq, deleted, created_at, vertex_count,
                        base_seq, source_backend_id, graph)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
                        vertex_count = excluded.vertex_count, base_seq = excluded.base_seq, graph = excluded.graph""")
                    .executeBatch(backends));
        }
        if (n > 0) {
            // One statement for the whole batch: a rebuild writes every event of the topic here. No ON CONFLICT:
            // the fold applies only events past the backend's stored seq, which this transaction moves along with
            // the rows, so a conflict can only be a race with another transaction; failing the batch makes the
            // reader read it again against the winner's seq. A speculative insert per row doubled the insert's cost.
            chain = chain.chain(() -> conn.preparedQuery("""
                    INSERT INTO operations.operations (backend_id, seq, type, event, recorded_at)
                    SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[])""")
                    .execute(Tuple.of(backendIds, seqs, types, events, recordedAt)));
        }
        for (LogCompacted c : changes.compactions()) {
            chain = chain.chain(() -> conn.preparedQuery("DELETE FROM operations.operations WHERE backend_id = $1 AND seq < $2")
                    .execute(Tuple.of(c.backendId(), c.seq())));
        }
        return chain.replaceWithVoid();
    }

    /**
     * Moves a partition's position past records that changed nothing (transaction markers, aborted records); fails
     * like {@link #write} when the stored position is not {@code position.stored()}.
     */
    public CompletionStage<Void> writePosition(Position position) {
        return pool.withTransaction(conn -> storePosition(conn, position)).subscribeAsCompletionStage();
    }

    /**
     * Compares and sets, first in the transaction: the row lock then also makes a second reader of the partition
     * (another instance that took it over, or one that emptied the projection) wait for this transaction and fail.
     */
    private static Uni<Void> storePosition(SqlConnection conn, Position position) {
        String id = position.topic() + "/" + position.partition();
        Uni<RowSet<Row>> stored = position.stored() == null ? conn.preparedQuery("""
                INSERT INTO operations.projector_positions (id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO NOTHING""").execute(Tuple.of(id, position.topic(), position.partition(), position.next()))
                : conn.preparedQuery(
                        "UPDATE operations.projector_positions SET next_offset = $2 WHERE id = $1 AND next_offset = $3")
                        .execute(Tuple.of(id, position.next(), position.stored()));
        String expected = position.stored() == null ? "no position" : "position " + position.stored();
        return stored.invoke(rows -> {
            if (rows.rowCount() != 1) {
                throw new PositionConflictException("expected " + expected + " stored for " + id);
            }
        }).replaceWithVoid();
    }

    public Map<Integer, Long> positions(String topic) {
        Map<Integer, Long> out = new HashMap<>();
        for (Row row : query("SELECT partition, next_offset FROM operations.projector_positions WHERE topic = $1",
                Tuple.of(topic))) {
            out.put(row.getInteger("partition"), row.getLong("next_offset"));
        }
        return out;
    }

    /** How far the projection has read a partition of {@code topic} (exclusive); -1 before it read any of it. */
    public long position(String topic, int partition) {
        for (Row row : query("SELECT next_offset FROM operations.projector_positions WHERE id = $1",
                Tuple.of(topic + "/" + partition))) {
            return row.getLong("next_offset");
        }
        return -1;
    }

    /** Empties the projection so the next reader replays the topic from the beginning. */
    public void clear() {
        pool.query("TRUNCATE operations.operations, operations.backends, operations.projector_positions").execute().await()
                .atMost(TIMEOUT);
    }

    /** The projected graph of a live backend of this workspace. */
    public Optional<GraphDocument> load(String workspaceId, String backendId) {
        // PostgreSQL refuses a NUL in a text parameter with an error; no backend id holds one.
        if (backendId.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (Row row : query("SELECT graph FROM operations.backends WHERE id = $1 AND workspace_id = $2 AND NOT deleted",
                Tuple.of(backendId, workspaceId))) {
            return Optional.of(document(row.getString("graph")));
        }
        return Optional.empty();
    }

    /** How far a backend is projected; -1 before its creation is. */
    public long seq(String backendId) {
        for (Row row : query("SELECT seq FROM operations.backends WHERE id = $1", Tuple.of(backendId))) {
            return row.getLong("seq");
        }
        return -1;
    }

    /** A page of the log since the base, oldest first, as event JSON; and the total. */
    public Page operations(String backendId, int offset, int limit) {
        long total = 0;
        for (Row row : query("SELECT count(*) AS n FROM operations.operations WHERE backend_id = $1", Tuple.of(backendId))) {
            total = row.getLong("n");
        }
        List<String> items = new ArrayList<>();
        for (Row row : query("SELECT event FROM operations.operations WHERE backend_id = $1 ORDER BY seq OFFSET $2 LIMIT $3",
                Tuple.of(backendId, offset, limit))) {
            items.add(row.getString("event"));
        }
        return new Page(total, items);
    }

    public record Page(long total, List<String> items) {
    }

    /** The events of the log since the base up to {@code seq}, oldest first. */
    public List<BackendEvent> eventsUpTo(String backendId, long seq) {
        List<BackendEvent> events = new ArrayList<>();
        for (Row row : query("SELECT event FROM operations.operations WHERE backend_id = $1 AND seq <= $2 ORDER BY seq",
                Tuple.of(backendId, seq))) {
            events.add((BackendEvent) Events.CODEC.decode(row.getString("event")));
        }
        return events;
    }

    /** The live backends a lease owns, in every workspace: (workspace id, backend id). */
    public List<String[]> ownedBy(String leaseId) {
        List<String[]> out = new ArrayList<>();
        for (Row row : query("SELECT workspace_id, id FROM operations.backends b WHERE lease_id = $1 AND NOT deleted"
                + " AND NOT EXISTS (SELECT 1 FROM operations.kept_backends k WHERE k.backend_id = b.id)", Tuple.of(leaseId))) {
            out.add(new String[] { row.getString("workspace_id"), row.getString("id") });
        }
        return out;
    }

    /**
     * Takes backends out of their lease: one of them ({@code backendId}), or all of the lease's when it is null.
     * Answers how many it took out.
     */
    public int keep(String leaseId, String backendId) {
        return query("INSERT INTO operations.kept_backends (backend_id, lease_id, kept_at)"
                + " SELECT id, lease_id, now() FROM operations.backends WHERE lease_id = $1 AND ($2::text IS NULL OR id = $2)"
                + " ON CONFLICT DO NOTHING", Tuple.of(leaseId, backendId)).rowCount();
    }

    private RowSet<Row> query(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT);
    }

    private static GraphDocument document(String json) {
        try {
            return JsonCodec.mapper().readValue(json, GraphDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored graph is unreadable", e);
        }
    }

    private static String json(GraphDocument doc) {
        try {
            return JsonCodec.mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
