package dev.ppl.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.Ports;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.operations.graph.BackendState;

/**
 * Two operations-service instances, started from the packaged application as child JVMs on the real
 * broker and database, serve eight concurrent clients that change one parameter of one backend 500 times
 * each, alternating between the instances. Mid-run the instance that writes for the backend is killed
 * (kill -9); the clients retry what was not acknowledged on the other instance, which takes the partition
 * over. Afterwards the Kafka operation log, the answers the clients got, the projection and the replay
 * must agree.
 *
 * <p>
 * Every attempt sends a value of its own ({@code client * 1_000_000 + index * 100 + attempt}), so each
 * event of the log names the one HTTP call that caused it: a retried call may leave its unacknowledged
 * predecessor in the log, but no command may be applied twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoWritersIT {
    private static final int CLIENTS = 8;
    private static final int OPERATIONS = 500;
    private static final int PAUSE_AFTER_ACKNOWLEDGED = 600;
    private static final int KILL_AFTER_ACKNOWLEDGED = 1500;
    /** Longer than the writer's session (6 s) and transaction (5 s) timeouts, so both expire while it is stopped. */
    private static final Duration PAUSE = Duration.ofSeconds(10);
    private static final int MAX_ATTEMPTS = 100;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern WRITING = Pattern
            .compile("writing for partitions \\[([0-9, ]*)\\] of " + Pattern.quote(Topics.BACKEND_COMMANDS));
    /** The Kafka client's line for each assignment of the projector's consumer group (diagnostics only). */
    private static final Pattern PROJECTING = Pattern
            .compile("groupId=operations-service-projector\\] Adding newly assigned partitions: ?([^\\n]*)");
    private static final Pattern OPERATIONS_PARTITION = Pattern.compile(Pattern.quote(Topics.BACKEND_OPERATIONS) + "-([0-9]+)");

    @RegisterExtension
    static final TestWatcher TAILS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getTestInstance().map(TwoWritersIT.class::cast).ifPresent(TwoWritersIT::printTails);
        }
    };

    private final String workspace = Ids.next(Ids.WORKSPACE);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Instance> instances = new ArrayList<>();
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Set<Integer> sent = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> unacknowledged = new ConcurrentHashMap<>();
    private final Queue<String> wrongAnswers = new ConcurrentLinkedQueue<>();

    private String backend;
    private String vertex;
    private int partition;
    private Instance victim;
    private Instance survivor;
    private Instance paused;
    private Instant pauseStarted;
    private Instant resumedAt;
    private int assignmentsBeforePause;
    /** What the probe, writing only to the other instance while the writer was stopped, got acknowledged. */
    private final Queue<Ack> probeAcks = new ConcurrentLinkedQueue<>();
    /** When the kill was sent, and when the victim was seen dead: no call made after that can reach it. */
    private Instant killStarted;
    private Instant killedAt;
    private List<ConsumerRecord<String, byte[]>> records;
    private List<BackendEvent> events;
    private JsonNode projection;

    @BeforeAll
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void twoInstancesServeEightClientsWhileTheWriterIsKilled() throws Exception {
        try {
            SharedInfrastructure infrastructure = SharedInfrastructure.get();
            Path app = copyOfTheApplication();
            instances.add(Instance.start("a", app, infrastructure));
            instances.add(Instance.start("b", app, infrastructure));
            instances.forEach(this::awaitReady);
            Instance first = instances.get(0);

            String version = post(first, "/internal/components/versions", """
                    {"descriptor": {"name": "counter-%s", "version": "1.0.0",
                      "inputs": [{"name": "text", "type": "String"}], "outputs": [{"name": "text", "type": "String"}],
                      "config_schema": {"n": {"type": "Int"}}, "local": {"command": ["true"]}},
                     "prerelease": false}""".formatted(Ids.next("c").substring(2, 10)), 201).path("id").asText();
            await("each instance writing for its own share of " + Topics.BACKEND_COMMANDS).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> settled(Instance::writingFor));
            try {
                await("each instance projecting its own share of " + Topics.BACKEND_OPERATIONS).atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(200)).until(() -> settled(Instance::projecting));
            } catch (ConditionTimeoutException e) {
                // Only a preference for the backend below rests on it.
                System.out.println("TwoWritersIT: the projector's assignment is not in the instances' logs: " + e.getMessage());
            }
            // The victim is the instance that writes for the backend: killing it is the case that can lose writes.
            // Preferably it projects the backend too, so both of its roles must move to the survivor.
            for (int tries = 1;; tries++) {
                backend = post(first, "/internal/backends", "{\"name\": \"two-writers\"}", 201).path("backend_id").asText();
                partition = partitionOf(backend);
                victim = instances.stream().filter(i -> i.writingFor().contains(partition)).findFirst().orElseThrow();
                if (victim.projecting().contains(partition) || !settled(Instance::projecting) || tries == 8) {
                    break;
                }
            }
            survivor = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
            vertex = post(first, "/internal/backends/" + backend + "/operations",
                    "{\"type\": \"add-vertex\", \"version_id\": \"" + version + "\", \"alias\": \"counter\"}", 200)
                    .path("vertex_id").asText();
            System.out.printf("TwoWritersIT: backend %s on partition %d; %s writes for %s and projects %s; %s writes for %s"
                    + " and projects %s%n", backend, partition, victim.name, victim.writingFor(), victim.projecting(),
                    survivor.name, survivor.writingFor(), survivor.projecting());

            run();

            await("the projection to catch up with the log").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        records = readLog();
                        events = records.stream().map(r -> (BackendEvent) Events.CODEC.decode(r.value())).toList();
                        projection = get(survivor, "/internal/backends/" + backend);
                        assertThat(events).isNotEmpty();
                        assertThat(projection.path("seq").asLong()).isEqualTo(events.get(events.size() - 1).seq());
                    });
            printSummary();
        } catch (Throwable e) {
            printTails();
            throw e;
        }
    }

    @AfterAll
    void stopTheInstances() {
        instances.forEach(Instance::stop);
    }

    @Test
    void everyAcknowledgedOperationIsInTheLogExactlyOnceAtTheSequenceNumberItWasAnsweredWith() {
        assertThat(wrongAnswers).isEmpty();
        assertThat(acks).hasSize(CLIENTS * OPERATIONS);
        assertThat(acks.stream().map(Ack::seq).distinct().count()).as("distinct acknowledged seqs")
                .isEqualTo(acks.size());
        Map<Long, BackendEvent> bySeq = events.stream()
                .collect(Collectors.toMap(BackendEvent::seq, e -> e, (x, y) -> {
                    throw new AssertionError("seq " + x.seq() + " is in the log twice");
                }));
        Map<String, Long> occurrences = changes().values().stream()
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        List<String> missing = new ArrayList<>();
        for (Ack ack : acks) {
            BackendEvent event = bySeq.get(ack.seq());
            String value = Integer.toString(ack.value());
            if (!(event instanceof OperationRecorded recorded) || !(recorded.operation() instanceof ChangeParameter c)
                    || !c.value().equals(value) || occurrences.getOrDefault(value, 0L) != 1) {
                missing.add(ack + " -> log has " + event + ", value " + value + " occurs " + occurrences.get(value)
                        + " times");
            }
        }
        assertThat(missing).as("acknowledged operations not in the log exactly once at their seq").isEmpty();
        assertThat(events.size() - 2L).as("change-parameter events in the log").isGreaterThanOrEqualTo(acks.size());
    }

    @Test
    void noCommandIsAppliedTwiceAndTheLogHoldsOnlyWhatTheClientsSent() {
        List<String> values = events.stream().skip(2).map(e -> change(e).value()).toList();
        assertThat(values).doesNotHaveDuplicates();
        assertThat(values).allSatisfy(v -> assertThat(sent).contains(Integer.parseInt(v)));
        assertThat(events.stream().skip(2).map(TwoWritersIT::change))
                .allSatisfy(c -> {
                    assertThat(c.vertexId()).isEqualTo(vertex);
                    assertThat(c.name()).isEqualTo("n");
                    assertThat(c.valueType()).isEqualTo("Int");
                });
    }

    @Test
    void eachClientsAcknowledgedOperationsAreInTheLogInTheOrderItMadeThem() {
        Map<Integer, List<Ack>> byClient = acks.stream().collect(Collectors.groupingBy(Ack::client));
        assertThat(byClient).hasSize(CLIENTS);
        byClient.forEach((client, own) -> {
            List<Long> seqs = own.stream().sorted(Comparator.comparingInt(Ack::index)).map(Ack::seq).toList();
            assertThat(own).extracting(Ack::index).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, OPERATIONS).boxed().toList());
            assertThat(seqs).as("seqs of client %d by operation index", client).isSorted().doesNotHaveDuplicates();
        });
    }

    @Test
    void sequenceNumbersAreGapFreeFromTheCreationToTheLastOperation() {
        assertThat(records).allSatisfy(r -> assertThat(r.partition()).isEqualTo(partition));
        assertThat(events).extracting(BackendEvent::seq)
                .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
        assertThat(events.get(0)).isInstanceOf(BackendCreated.class);
        assertThat(((OperationRecorded) events.get(1)).operation()).isInstanceOf(AddVertex.class);
        assertThat(events.stream().skip(2)).allSatisfy(e -> assertThat(e).isInstanceOf(OperationRecorded.class));
    }

    @Test
    void killingTheWriterMidRunLosesNoAcknowledgedOperationAndTheSurvivorTakesOver() {
        assertThat(victim.process.isAlive()).isFalse();
        List<Ack> before = acks.stream().filter(a -> a.at().isBefore(killStarted)).toList();
        List<Ack> after = acks.stream().filter(a -> a.sent().isAfter(killedAt)).toList();
        assertThat(before).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        assertThat(before).extracting(Ack::instance).contains(victim.name, survivor.name);
        assertThat(after).isNotEmpty().allSatisfy(a -> assertThat(a.instance()).isEqualTo(survivor.name));
        assertThat(survivor.writingFor()).as("partitions the survivor writes for").contains(partition);

        Map<Long, String> logged = changes();
        assertThat(before).allSatisfy(a -> assertThat(logged.get(a.seq())).as("value at seq %d", a.seq())
                .isEqualTo(Integer.toString(a.value())));
    }

    @Test
    void aWriterStoppedPastItsSessionIsReplacedMeanwhileAndOnResumingRejoinsWithoutAppendingAsAZombie() {
        assertThat(probeAcks).as("operations the other instance acknowledged while the writer was stopped").isNotEmpty();
        assertThat(paused.assignments()).as("assignments of the stopped writer").isGreaterThan(assignmentsBeforePause);
        Map<Long, String> logged = changes();
        assertThat(probeAcks).allSatisfy(a -> assertThat(logged.get(a.seq())).as("value at seq %d", a.seq())
                .isEqualTo(Integer.toString(a.value())));
        // What the zombie had computed from its stale graph never landed: it would have repeated a seq the other
        // instance appended meanwhile, which the gap-free check rules out, or a value twice, ruled out below.
        Map<String, Long> occurrences = logged.values().stream().collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        assertThat(occurrences).allSatisfy((value, n) -> assertThat(n).as("value %s in the log", value).isEqualTo(1));
        assertThat(events.stream().map(BackendEvent::seq).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void theProjectionEqualsTheReplayOfTheLog() {
        long last = events.get(events.size() - 1).seq();
        assertThat(withoutCatalog(projection)).isEqualTo(replayOfLog(last));
        assertThat(projection.path("vertices").get(0).path("params").path("n").path("value").asText())
                .isEqualTo(change(events.get(events.size() - 1)).value());

        long atKill = acks.stream().filter(a -> a.at().isBefore(killStarted)).mapToLong(Ack::seq).max().orElse(2);
        for (long seq : new TreeSet<>(List.of(0L, 1L, 2L, last / 2, atKill, last - 1))) {
            JsonNode replayed = get(survivor, "/internal/backends/" + backend + "?at_seq=" + seq);
            assertThat(replayed.path("seq").asLong()).isEqualTo(seq);
            assertThat(withoutCatalog(replayed)).as("the graph at seq %d", seq).isEqualTo(replayOfLog(seq));
        }
        JsonNode beforeLast = get(survivor, "/internal/backends/" + backend + "?at_seq=" + (last - 1));
        assertThat(beforeLast.path("vertices").get(0).path("params").path("n").path("value").asText())
                .isEqualTo(change(events.get(events.size() - 2)).value());
    }

    @Test
    void theProjectedLogEqualsTheKafkaLogEventByEvent() {
        List<JsonNode> projected = new ArrayList<>();
        long count = -1;
        while (count < 0 || projected.size() < count) {
            JsonNode page = get(survivor, "/internal/backends/" + backend + "/operations?offset=" + projected.size()
                    + "&limit=1000");
            count = page.path("count").asLong();
            if (page.path("items").isEmpty()) {
                break;
            }
            page.path("items").forEach(projected::add);
        }
        assertThat(count).isEqualTo(events.size());
        assertThat(projected).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(projected.get(i)).as("projected event %d", i).isEqualTo(tree(records.get(i).value()));
        }
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plus(RUN_LIMIT);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> System.out.printf("TwoWritersIT: %6d ms: %d acknowledged; unacknowledged: %s%n",
                Duration.between(started, Instant.now()).toMillis(), acks.size(), new TreeMap<>(unacknowledged)), 10, 10,
                TimeUnit.SECONDS);
        try {
            CompletionService<Void> clients = new ExecutorCompletionService<>(pool);
            List<Future<Void>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    client(client, deadline);
                    return null;
                }));
            }
            await(PAUSE_AFTER_ACKNOWLEDGED + " acknowledged operations").atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> acks.size() >= PAUSE_AFTER_ACKNOWLEDGED || running.stream().anyMatch(Future::isDone));
            pauseTheWriter(started);
            await(KILL_AFTER_ACKNOWLEDGED + " acknowledged operations").atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> acks.size() >= KILL_AFTER_ACKNOWLEDGED || running.stream().anyMatch(Future::isDone));
            for (Future<Void> client : running) {
                if (client.isDone()) {
                    outcome(client);
                    throw new AssertionError("a client finished before the kill, with " + acks.size() + " acknowledged");
                }
            }
            killStarted = Instant.now();
            victim.process.destroyForcibly();
            assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).as("the victim died").isTrue();
            killedAt = Instant.now();
            System.out.printf("TwoWritersIT: killed %s (writer of partition %d; projector of %s) at %s after %d acknowledged"
                    + " operations, %d ms in%n", victim.name, partition, victim.projecting(), killStarted, acks.size(),
                    Duration.between(started, killStarted).toMillis());
            for (int c = 0; c < CLIENTS; c++) {
                Future<Void> done = clients.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
                if (done == null) {
                    throw new AssertionError("the clients did not finish within " + RUN_LIMIT + "; " + acks.size()
                            + " acknowledged, unacknowledged attempts: " + unacknowledged);
                }
                outcome(done);
            }
            System.out.printf("TwoWritersIT: %d operations acknowledged in %d ms%n", acks.size(),
                    Duration.between(started, Instant.now()).toMillis());
        } finally {
            progress.shutdownNow();
            pool.shutdownNow();
        }
    }

    /**
     * Stops the writer's JVM (SIGSTOP) past its session and transaction timeouts while a probe writes through the
     * other instance, then lets it go on as a zombie that still believes it owns the partition, with whatever
     * transaction it had open. Afterwards the kill goes to whichever instance writes for the backend by then.
     */
    private void pauseTheWriter(Instant started) throws Exception {
        paused = victim;
        Instance other = survivor;
        assignmentsBeforePause = paused.assignments();
        pauseStarted = Instant.now();
        signal(paused, "STOP");
        System.out.printf("TwoWritersIT: stopped %s (writer of partition %d) after %d acknowledged operations, %d ms in%n",
                paused.name, partition, acks.size(), Duration.between(started, pauseStarted).toMillis());
        Instant resumeAt = pauseStarted.plus(PAUSE);
        for (int i = 0; Instant.now().isBefore(resumeAt); i++) {
            int value = 9_000_000 + i;
            sent.add(value);
            Instant sentAt = Instant.now();
            HttpResponse<String> response;
            try {
                response = http.send(changeParameterRequest(other, "probe", value, Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                continue;
            }
            if (response.statusCode() == 200) {
                probeAcks.add(new Ack(-1, i, value, tree(response.body()).path("seq").asLong(-1), other.name, sentAt,
                        Instant.now(), Duration.between(sentAt, Instant.now()).toMillis()));
            }
        }
        signal(paused, "CONT");
        resumedAt = Instant.now();
        await("the stopped writer to rejoin after it resumed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> paused.assignments() > assignmentsBeforePause && settled(Instance::writingFor));
        victim = instances.stream().filter(i -> i.writingFor().contains(partition)).findFirst().orElseThrow();
        survivor = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
        System.out.printf("TwoWritersIT: resumed %s; %d probe operations acknowledged by %s meanwhile; %s now writes for"
                + " partition %d%n", paused.name, probeAcks.size(), other.name, victim.name, partition);
    }

    private static void signal(Instance instance, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(instance.process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", signal, instance.name)
                .isTrue();
    }

    /** Rethrows what made a finished client fail. */
    private static void outcome(Future<Void> client) throws Exception {
        try {
            client.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /** One client: its operations one after the other, each retried on the next instance until acknowledged. */
    private void client(int client, Instant deadline) throws InterruptedException {
        int call = client;
        for (int index = 0; index < OPERATIONS; index++) {
            for (int attempt = 0;; attempt++) {
                if (attempt == MAX_ATTEMPTS || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("client " + client + " got no acknowledgement for operation " + index
                            + " after " + attempt + " attempts; unacknowledged so far: " + unacknowledged);
                }
                Instance target = instances.get(call++ % instances.size());
                int value = client * 1_000_000 + index * 100 + attempt;
                sent.add(value);
                if (changeParameter(client, index, target, value)) {
                    break;
                }
            }
        }
    }

    /** True if acknowledged; false if the call failed in a way that leaves it unknown whether it was applied. */
    private boolean changeParameter(int client, int index, Instance target, int value) throws InterruptedException {
        HttpRequest request = changeParameterRequest(target, "client-" + client, value, REQUEST_TIMEOUT);
        HttpResponse<String> response;
        Instant sent = Instant.now();
        long sentAt = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            count(target.name + ": " + e.getClass().getSimpleName());
            return false;
        }
        if (response.statusCode() == 200) {
            JsonNode answer = tree(response.body());
            long seq = answer.path("seq").asLong(-1);
            JsonNode event = answer.path("event");
            if (seq < 2 || event.path("seq").asLong(-2) != seq
                    || !event.path("operation").path("value").asText().equals(Integer.toString(value))) {
                wrongAnswers.add("client " + client + " value " + value + " from " + target.name + ": " + response.body());
            }
            acks.add(new Ack(client, index, value, seq, target.name, sent, Instant.now(),
                    (System.nanoTime() - sentAt) / 1_000_000));
            return true;
        }
        if (response.statusCode() >= 500) {
            count(target.name + ": HTTP " + response.statusCode() + " " + tree(response.body()).path("detail").asText()
                    .replace(backend, "<backend>").replaceAll("[0-9]+", "#"));
            return false;
        }
        throw new AssertionError("client " + client + " operation " + index + " (value " + value + ") refused by "
                + target.name + ": HTTP " + response.statusCode() + " " + response.body());
    }

    private HttpRequest changeParameterRequest(Instance target, String actor, int value, Duration timeout) {
        String body = "{\"type\": \"change-parameter\", \"vertex_id\": \"" + vertex
                + "\", \"name\": \"n\", \"value_type\": \"Int\", \"value\": \"" + value + "\"}";
        return HttpRequest.newBuilder(target.uri("/internal/backends/" + backend + "/operations")).timeout(timeout)
                .header("Content-Type", "application/json").header("X-Ppl-Workspace", workspace).header("X-Ppl-Actor", actor)
                .header("X-Ppl-Surface", "it").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void count(String reason) {
        unacknowledged.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    /** True once each instance has a share of the partitions, all of them, no partition twice. */
    private boolean settled(Function<Instance, Set<Integer>> share) {
        Set<Integer> all = new HashSet<>();
        int total = 0;
        for (Instance i : instances) {
            Set<Integer> own = share.apply(i);
            if (own.isEmpty()) {
                return false;
            }
            all.addAll(own);
            total += own.size();
        }
        return total == all.size() && all.size() == partitions(Topics.BACKEND_COMMANDS);
    }

    /**
     * A private copy of {@code target/quarkus-app}, so a rebuild of the module while the test runs cannot pull
     * jars from under the running instances.
     */
    private static Path copyOfTheApplication() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path packaged = module.resolve("target/quarkus-app");
        if (!Files.isRegularFile(packaged.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(packaged + " is missing; `mvn verify` packages it before the *IT tests run");
        }
        Path dir = module.resolve("target/two-writers-it");
        Path app = dir.resolve("app");
        if (Files.exists(app)) {
            try (Stream<Path> old = Files.walk(app)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(app);
        try (Stream<Path> files = Files.walk(packaged)) {
            for (Path from : files.toList()) {
                Path to = app.resolve(packaged.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return app;
    }

    private int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions(Topics.BACKEND_COMMANDS);
    }

    private static int partitions(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.partitionsFor(topic).size();
        }
    }

    /** The backend's events in {@code ppl.backend.operations} as committed, in log order. */
    private List<ConsumerRecord<String, byte[]>> readLog() {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BACKEND_OPERATIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.BACKEND_OPERATIONS + " up to " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (backend.equals(record.key())) {
                        out.add(record);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(ConsumerRecord::offset));
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The graph the log folds to up to {@code seq}, as the graph endpoint shows it without the catalog's fields. */
    private JsonNode replayOfLog(long seq) {
        BackendState state = new BackendState();
        events.stream().filter(e -> e.seq() <= seq).forEach(state::apply);
        try {
            ObjectNode doc = (ObjectNode) tree(JsonCodec.mapper().writeValueAsString(state.document()));
            doc.remove(List.of("workspace_id", "deleted", "created_at"));
            return doc;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The graph endpoint's answer without what it adds from the catalog to each vertex. */
    private static JsonNode withoutCatalog(JsonNode graph) {
        ObjectNode copy = graph.deepCopy();
        copy.path("vertices").forEach(v -> ((ObjectNode) v).remove(List.of("component_name", "harness", "descriptor")));
        return copy;
    }

    /** The values of the log's change-parameter events by seq. */
    private Map<Long, String> changes() {
        Map<Long, String> out = new HashMap<>();
        for (BackendEvent e : events) {
            if (e instanceof OperationRecorded r && r.operation() instanceof ChangeParameter c) {
                out.put(e.seq(), c.value());
            }
        }
        return out;
    }

    private static ChangeParameter change(BackendEvent event) {
        return (ChangeParameter) ((OperationRecorded) event).operation();
    }

    private void awaitReady(Instance instance) {
        await(instance.name + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!instance.process.isAlive()) {
                throw new AssertionError("instance " + instance.name + " exited with " + instance.process.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(instance.uri("/q/health/ready")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private JsonNode get(Instance instance, String path) {
        return call(instance, HttpRequest.newBuilder(instance.uri(path)).GET(), 200);
    }

    private JsonNode post(Instance instance, String path, String body, int status) {
        return call(instance, HttpRequest.newBuilder(instance.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), status);
    }

    private JsonNode call(Instance instance, HttpRequest.Builder request, int status) {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).header("X-Ppl-Workspace", workspace)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                    .isEqualTo(status);
            return tree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printSummary() {
        Map<String, Long> acknowledgedBy = acks.stream().collect(Collectors.groupingBy(Ack::instance, TreeMap::new,
                Collectors.counting()));
        List<Instant> times = new ArrayList<>(List.of(killStarted));
        acks.stream().map(Ack::at).filter(at -> at.isAfter(killStarted)).sorted().forEach(times::add);
        long pause = 0;
        for (int i = 1; i < times.size(); i++) {
            pause = Math.max(pause, Duration.between(times.get(i - 1), times.get(i)).toMillis());
        }
        System.out.printf(
                "TwoWritersIT: backend %s on partition %d; log seq 0..%d; %d acknowledged (%s); longest pause in"
                        + " acknowledgements from the kill on %d ms; unacknowledged attempts: %s; latency: %s%n",
                backend, partition, events.get(events.size() - 1).seq(), acks.size(), acknowledgedBy, pause,
                new TreeMap<>(unacknowledged), latencies());
    }

    /** Median and 95th percentile of the acknowledged calls' latency per instance, before and after the kill. */
    private String latencies() {
        Map<String, List<Long>> by = new TreeMap<>();
        for (Ack a : acks) {
            by.computeIfAbsent(a.instance() + (a.sent().isAfter(killedAt) ? " after" : " before"), k -> new ArrayList<>())
                    .add(a.millis());
        }
        return by.entrySet().stream().map(e -> {
            List<Long> ms = e.getValue().stream().sorted().toList();
            return e.getKey() + " p50=" + ms.get(ms.size() / 2) + "ms p95=" + ms.get(ms.size() * 95 / 100) + "ms";
        }).collect(Collectors.joining(", "));
    }

    private void printTails() {
        System.out.printf("TwoWritersIT: failed with %d acknowledged; unacknowledged attempts: %s; wrong answers: %s%n",
                acks.size(), new TreeMap<>(unacknowledged), wrongAnswers);
        for (Instance instance : instances) {
            System.out.println("---- last lines of " + instance.log + " ----");
            System.out.println(instance.tail(80));
        }
    }

    /** One acknowledged operation: who sent which value, the seq it was answered with, by which instance, when, how fast. */
    private record Ack(int client, int index, int value, long seq, String instance, Instant sent, Instant at, long millis) {
    }

    /** One operations-service child JVM started from the packaged application. */
    private static final class Instance {
        final String name;
        final int port;
        final Path log;
        final Process process;

        private Instance(String name, int port, Path log, Process process) {
            this.name = name;
            this.port = port;
            this.log = log;
            this.process = process;
        }

        static Instance start(String name, Path app, SharedInfrastructure infrastructure) throws IOException {
            Path jar = app.resolve("quarkus-run.jar");
            Path log = app.resolveSibling("instance-" + name + ".log");
            int port = Ports.free();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dkafka.bootstrap.servers=" + infrastructure.kafkaBootstrap(),
                    "-Dquarkus.datasource.jdbc.url=" + infrastructure.jdbcUrl(),
                    "-Dquarkus.datasource.reactive.url=" + infrastructure.reactiveUrl(),
                    "-Dquarkus.datasource.username=" + infrastructure.username(),
                    "-Dquarkus.datasource.password=" + infrastructure.password(),
                    "-Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker\".level=INFO",
                    "-jar", jar.toString());
            Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-instance-" + name));
            return new Instance(name, port, log, process);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** How many times the instance's writer has been assigned its partitions. */
        int assignments() {
            return (int) WRITING.matcher(read()).results().count();
        }

        /** The partitions of {@code ppl.backend.commands} the instance last said it writes for. */
        Set<Integer> writingFor() {
            Set<Integer> last = Set.of();
            Matcher m = WRITING.matcher(read());
            while (m.find()) {
                last = m.group(1).isBlank() ? Set.of()
                        : Pattern.compile(",").splitAsStream(m.group(1)).map(String::trim).map(Integer::valueOf)
                                .collect(Collectors.toSet());
            }
            return last;
        }

        /**
         * The partitions of {@code ppl.backend.operations} the instance's projector was last assigned, by its Kafka client's
         * log.
         */
        Set<Integer> projecting() {
            Set<Integer> last = Set.of();
            Matcher m = PROJECTING.matcher(read());
            while (m.find()) {
                last = OPERATIONS_PARTITION.matcher(m.group(1)).results().map(r -> Integer.valueOf(r.group(1)))
                        .collect(Collectors.toSet());
            }
            return last;
        }

        String tail(int lines) {
            List<String> all = read().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        private String read() {
            try {
                return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
