package dev.ppl.service.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.CharacterCodingException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.codec.MessageDecodingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure that goes away by itself (PostgreSQL or the broker unreachable for a while) from one
 * that comes back every time the same record is handled (it cannot be decoded, or is invalid). A consumer
 * retries the first for as long as it lasts and sets the second aside, so a short outage never sends a
 * good record to the dead-letter topic and a bad record never stops a consumer.
 */
public final class Failures {
    /** Words of the messages Vert.x gives a connection it lost or could not open; its exceptions have no subtype. */
    private static final Set<String> CONNECTION_WORDS = Set.of("connection refused", "connection reset",
            "connection was closed", "connection is closed", "closed connection", "connection is not active",
            "timeout", "timed out", "failed to connect", "connection closed");

    private Failures() {
    }

    /**
     * True when something in the cause chain says a dependency was unavailable, and nothing in it says the
     * input is bad: a decoding failure is never transient, even when it surfaced as an I/O exception.
     */
    public static boolean isTransient(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean unavailable = false;
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (isBadInput(c)) {
                return false;
            }
            unavailable |= isUnavailable(c);
        }
        return unavailable;
    }

    private static boolean isBadInput(Throwable c) {
        return c instanceof MessageDecodingException || c instanceof JsonProcessingException
                || c instanceof CharacterCodingException;
    }

    private static boolean isUnavailable(Throwable c) {
        if (c instanceof ConnectException || c instanceof IOException || c instanceof TimeoutException
                || c instanceof RetriableException || c instanceof ClosedConnectionException) {
            return true;
        }
        if (c instanceof DatabaseException db) {
            return isUnavailableState(db.getSqlState());
        }
        if (c instanceof VertxException || c instanceof NoStackTraceThrowable) {
            return mentionsConnection(c.getMessage());
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is a connection exception; 57P01..57P05 are the server shutting down or refusing
     * connections for now; 53300 is too many connections; 40001/40P01 (serialization failure, deadlock)
     * succeed when tried again.
     */
    static boolean isUnavailableState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300")
                || sqlState.equals("40001") || sqlState.equals("40P01");
    }

    private static boolean mentionsConnection(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return CONNECTION_WORDS.stream().anyMatch(m::contains);
    }
}
