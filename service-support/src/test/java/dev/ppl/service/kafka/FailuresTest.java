package dev.ppl.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import dev.ppl.contracts.codec.MessageDecodingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class FailuresTest {

    @Test
    void aRefusedConnectionDeepInTheCauseChainIsTransient() {
        Throwable t = new CompletionException(new IllegalStateException("query failed",
                new ConnectException("Connection refused: /127.0.0.1:18086")));
        assertThat(Failures.isTransient(t)).isTrue();
    }

    @Test
    void vertxConnectionMessagesAreTransient() {
        assertThat(Failures.isTransient(new NoStackTraceThrowable("Connection refused"))).isTrue();
        assertThat(Failures.isTransient(new VertxException("Connection was closed"))).isTrue();
        assertThat(Failures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(Failures.isTransient(new NoStackTraceThrowable("Timeout"))).isTrue();
    }

    @Test
    void aVertxFailureThatIsNotAboutTheConnectionIsNotTransient() {
        assertThat(Failures.isTransient(new VertxException("column \"x\" does not exist"))).isFalse();
    }

    @Test
    void postgresShuttingDownOrUnreachableIsTransientButAConstraintViolationIsNot() {
        assertThat(Failures.isTransient(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(Failures.isTransient(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        assertThat(Failures.isTransient(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(Failures.isTransient(new PgException("no state", "ERROR", null, null))).isFalse();
    }

    @Test
    void brokerUnavailabilityAndTimeoutsAreTransient() {
        assertThat(Failures.isTransient(new ExecutionException(
                new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata")))).isTrue();
        assertThat(Failures.isTransient(new org.apache.kafka.common.errors.NotEnoughReplicasException("x"))).isTrue();
        assertThat(Failures.isTransient(new java.util.concurrent.TimeoutException())).isTrue();
        assertThat(Failures.isTransient(new UncheckedIOException(new IOException("broken pipe")))).isTrue();
    }

    @Test
    void decodingAndValidationProblemsAreNotTransient() {
        assertThat(Failures.isTransient(new MessageDecodingException("not JSON"))).isFalse();
        assertThat(Failures.isTransient(new IllegalArgumentException("lease_id is required"))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new UncheckedIOException(new JsonParseException(null, "bad")))).isFalse();
    }

    @Test
    void aDecodingFailureWinsOverAnIoExceptionInTheSameChain() {
        Throwable t = new IOException("read failed", new MessageDecodingException("unknown message type 'x'"));
        assertThat(Failures.isTransient(t)).isFalse();
    }

    @Test
    void aCauseChainWithACycleEnds() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(Failures.isTransient(a)).isFalse();
    }
}
