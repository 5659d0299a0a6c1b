package dev.ppl.cli.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.contracts.manifest.ManifestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppl lease wait}: the gateway's server-sent events, each event's data printed as one NDJSON line as it
 * arrives, until the final event. stdout always ends with a final event: when the stream fails or ends
 * without one the CLI prints a {@code failed}/{@code transport_error} line itself, and when no final event
 * comes within {@code --timeout} plus a grace period, a {@code timeout} line, so a hung connection cannot
 * outlive the timeout a CI step was given.
 */
@Command(name = "wait", description = "Wait until the lease's deployment is started or stable; NDJSON events on stdout, "
        + "exit 0 when the target is reached, 1 on failed, timeout or a transport error.")
public class LeaseWaitCommand implements Callable<Integer> {
    /** The server's own timeout event needs a moment to travel; past this the CLI stops waiting for it. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Set<String> REACHED = Set.of("started", "stable");
    private static final Set<String> NOT_REACHED = Set.of("timeout", "failed");

    private final CliContext ctx;
    @Parameters(paramLabel = "<lease_id>")
    String leaseId;
    @Option(names = "--until", defaultValue = "stable", description = "started (every workload runs) or stable (they "
            + "stayed running for the settle period); default ${DEFAULT-VALUE}.")
    String until;
    @Option(names = "--max-crashes", paramLabel = "<n>", description = "Per-container restart budget; past it the wait fails.")
    Integer maxCrashes;
    @Option(names = "--timeout", defaultValue = "15m", paramLabel = "<duration>", description = "Wall-clock cap on the "
            + "whole wait, a Go duration; default ${DEFAULT-VALUE}.")
    String timeout;

    public LeaseWaitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Duration limit;
        try {
            limit = GoDuration.parse(timeout, "--timeout");
        } catch (ManifestException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, e.getMessage());
        }
        GatewayClient gateway = new GatewayClient(CliConfig.load(ctx));
        long started = System.nanoTime();
        long deadline = started + limit.plus(GRACE).toNanos();
        String path = LeaseCommand.lease(leaseId) + "/wait?until=" + LeaseCommand.encode(until)
                + (maxCrashes == null ? "" : "&max_crashes=" + maxCrashes) + "&timeout=" + LeaseCommand.encode(timeout);

        CompletableFuture<Stream<String>> opening = gateway.openLines(path, "text/event-stream");
        Stream<String> lines;
        try {
            lines = opening.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CliException refused) {
                throw refused;
            }
            return transportError("cannot open the wait stream: " + describe(e.getCause()));
        } catch (TimeoutException e) {
            opening.cancel(true);
            return clientTimeout(started, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transportError("interrupted");
        }
        try (lines) {
            return relay(lines, started, deadline);
        }
    }

    /** One line of the stream, or its end ({@code line} null), with why it ended when it failed. */
    private record Read(String line, String failure) {
    }

    /** Reads the events on a thread of their own, so the deadline holds even when no line ever comes. */
    private int relay(Stream<String> lines, long started, long deadline) {
        BlockingQueue<Read> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            String failure = null;
            try {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    queue.add(new Read(it.next(), null));
                }
            } catch (UncheckedIOException e) {
                failure = describe(e.getCause());
            } finally {
                queue.add(new Read(null, failure));
            }
        }, "ppl-lease-wait");
        reader.setDaemon(true);
        reader.start();

        StringBuilder data = new StringBuilder();
        String lastStatus = null;
        while (true) {
            Read next;
            try {
                next = queue.poll(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return transportError("interrupted");
            }
            if (next == null) {
                return clientTimeout(started, lastStatus);
            }
            if (next.line() == null) {
                return transportError(next.failure() != null ? "the wait stream failed: " + next.failure()
                        : "the wait stream ended before a final event");
            }
            String line = next.line();
            if (line.startsWith("data:")) {
                String value = line.substring(5);
                data.append(data.isEmpty() ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
                continue;
            }
            if (!line.isEmpty() || data.isEmpty()) {
                // An SSE comment, another field, or a blank line with no event before it.
                continue;
            }
            JsonNode event;
            try {
                event = JsonCodec.mapper().readTree(data.toString());
            } catch (IOException e) {
                return transportError("the gateway sent an event that is not JSON: " + data);
            }
            data.setLength(0);
            ctx.emitJson(event);
            String type = event.path("type").asText("");
            if (type.equals("deployment")) {
                lastStatus = event.path("status").asText(null);
            }
            if (REACHED.contains(type)) {
                return ExitCodes.OK;
            }
            if (NOT_REACHED.contains(type)) {
                return ExitCodes.TEST_FAILED;
            }
        }
    }

    private int transportError(String message) {
        ctx.emitJson(JsonCodec.mapper().createObjectNode().put("type", "failed").put("reason", "transport_error")
                .put("message", message));
        return ExitCodes.TEST_FAILED;
    }

    private int clientTimeout(long started, String lastStatus) {
        ObjectNode event = JsonCodec.mapper().createObjectNode().put("type", "timeout")
                .put("waited_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).put("last_status", lastStatus)
                .put("message", "no final event within --timeout " + timeout + " and " + GRACE.toSeconds() + "s of grace");
        ctx.emitJson(event);
        return ExitCodes.TEST_FAILED;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
