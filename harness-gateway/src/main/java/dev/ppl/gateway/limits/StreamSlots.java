package dev.ppl.gateway.limits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.service.web.ProblemException;
import io.quarkus.websockets.next.UserData;

/**
 * The long-lived streams each token holds open on this gateway instance (live-test and output-harness WebSockets,
 * {@code lease wait}, log follow), at most {@code ppl.gateway.limits.streams-per-token} at once, so one caller's
 * streams cannot take the connections and threads every other caller needs. Counted per instance: a cap on what
 * one process spends, not a quota, so it needs nothing shared between instances.
 */
@ApplicationScoped
public class StreamSlots {
    public static final String SETTING = "ppl.gateway.limits.streams-per-token";
    /** Where a WebSocket's slot is kept from its upgrade until it closes. */
    public static final UserData.TypedKey<Slot> SLOT = new UserData.TypedKey<>("ppl.stream-slot");

    private final int perToken;
    /** Keyed by the token's hash: the token itself is never kept. An entry goes when its count reaches zero. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public StreamSlots(GatewayConfig config) {
        this.perToken = config.limits().streamsPerToken();
    }

    /** One more stream for the token, or empty when it already holds the maximum. */
    public Optional<Slot> tryAcquire(String token) {
        String key = Workspaces.hash(token == null ? "" : token);
        boolean[] granted = { false };
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perToken) {
                return count;
            }
            granted[0] = true;
            return now + 1;
        });
        return granted[0] ? Optional.of(new Slot(key)) : Optional.empty();
    }

    /** One more stream for the token, or a 429 naming the token and the limit. */
    public Slot acquire(String token) {
        return tryAcquire(token).orElseThrow(this::refusal);
    }

    public ProblemException refusal() {
        return new ProblemException(429, "Too many requests", "this token already holds " + perToken
                + " open streams, the most it may (" + SETTING + "); close one first", "token",
                "at most " + perToken + " open streams per token (setting " + SETTING + ")", (long) perToken);
    }

    public int perToken() {
        return perToken;
    }

    /** A held stream; closing it (once or more) gives the slot back. */
    public final class Slot implements AutoCloseable {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
