package dev.ppl.operations.oplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.command.ApplyOperations;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.Decider;
import dev.ppl.operations.graph.OperationLimits;
import dev.ppl.operations.graph.RefusedEventException;

/** The writer's handling of one command, without Kafka: what a command may cost is that command alone. */
class CommandHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private final Map<String, BackendState> states = new HashMap<>();

    private static CommandHandler handler(Decider.Versions versions, OperationLimits limits) {
        return new CommandHandler(new Decider(versions, limits));
    }

    private void create(CommandHandler handler, String backend) {
        var outcome = handler.handle(states,
                new CreateBackend("rq-c", backend, "ws_a", "me", "api", "b", null, null, List.of()),
                NOW);
        assertThat(outcome.answer().problem()).isNull();
    }

    private static ApplyOperations apply(String backend, BackendOperation... operations) {
        return new ApplyOperations("rq-" + operations.length, backend, "ws_a", "me", "api", List.of(operations), false);
    }

    @Test
    void aStackOverflowWhileDecidingIsAnsweredAsAProblemOfThatCommandAloneAndMarksItsStateForReplay() {
        CommandHandler handler = handler((ws, id) -> {
            throw new StackOverflowError();
        }, OperationLimits.DEFAULTS);
        create(handler, "bk_1");

        var outcome = handler.handle(states, apply("bk_1", new AddVertex("cv_x", null, null)), NOW);

        assertThat(outcome.answer().problem().status()).isEqualTo(500);
        assertThat(outcome.answer().problem().detail()).contains("StackOverflowError").contains("nothing was applied");
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.suspect()).isTrue();
    }

    @Test
    void runningOutOfMemoryIsNotSwallowed() {
        CommandHandler handler = handler((ws, id) -> {
            throw new OutOfMemoryError("test");
        }, OperationLimits.DEFAULTS);
        create(handler, "bk_1");

        assertThatThrownBy(() -> handler.handle(states, apply("bk_1", new AddVertex("cv_x", null, null)), NOW))
                .isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aPatchLongerThanTheLimitIsRefusedNamingOperationsAndTheLimit() {
        CommandHandler handler = handler((ws, id) -> java.util.Optional.empty(),
                new OperationLimits(65_536, 3, 500, 2_000, 262_144, 524_288));
        create(handler, "bk_1");
        BackendOperation op = new ChangeMetadata("1", "k", "v");

        var outcome = handler.handle(states, apply("bk_1", op, op, op, op), NOW);

        assertThat(outcome.answer().problem().status()).isEqualTo(400);
        assertThat(outcome.answer().problem().field()).isEqualTo("operations");
        assertThat(outcome.answer().problem().limit()).isEqualTo(3L);
        assertThat(outcome.answer().problem().expected()).contains("ppl.operations.max-patch-operations");
        assertThat(states.get("bk_1").seq()).isZero();
    }

    @Test
    void aStringFieldOverTheLimitIsRefusedWith413NamingItBeforeTheOperationIsLookedAt() {
        CommandHandler handler = handler((ws, id) -> {
            throw new AssertionError("the operation must be refused before its vertex is looked up");
        }, new OperationLimits(1_000, 1_000, 500, 2_000, 262_144, 524_288));
        create(handler, "bk_1");

        var outcome = handler.handle(states, apply("bk_1", new ChangeMetadata("1", "k", "é".repeat(600))), NOW);

        assertThat(outcome.answer().problem().status()).isEqualTo(413);
        assertThat(outcome.answer().problem().field()).isEqualTo("value");
        assertThat(outcome.answer().problem().limit()).isEqualTo(1_000L);
        assertThat(outcome.answer().problem().detail()).contains("1200 bytes");
    }

    @Test
    void aDeletedBackendKeepsOnlyATombstoneThatRefusesEveryLaterCommandAndASecondCreation() {
        CommandHandler handler = handler((ws, id) -> java.util.Optional.empty(), OperationLimits.DEFAULTS);
        create(handler, "bk_1");
        BackendState live = states.get("bk_1");
        for (int i = 0; i < 20; i++) {
            live.apply(new OperationRecorded("bk_1", live.seq() + 1, new ChangeMetadata("1", "k" + i, "v"), List.of(), "me",
                    "api", NOW));
        }

        var deleted = handler.handle(states,
                new dev.ppl.contracts.backend.command.DeleteBackend("rq-d", "bk_1", "ws_a", "me", "api", "client"), NOW);

        assertThat(deleted.answer().problem()).isNull();
        assertThat(states.get("bk_1").inverses()).isEmpty();
        assertThat(states.get("bk_1").seq()).isEqualTo(21);
        assertThat(handler.handle(states, apply("bk_1", new ChangeMetadata("1", "k", "v")), NOW).answer().problem().status())
                .isEqualTo(404);
        assertThat(handler.handle(states,
                new CreateBackend("rq-c2", "bk_1", "ws_a", "me", "api", "b", null, null, List.of()), NOW).answer().problem()
                .status()).isEqualTo(409);
    }

    @Test
    void aForgedCreationOfAnExistingBackendInAnotherWorkspaceIsRefusedAndChangesNothing() {
        BackendState state = new BackendState();
        state.apply(new BackendCreated("bk_1", 0, "ws_a", "b", null, null, List.of(), "me", "api", NOW));

        assertThatThrownBy(() -> state.apply(new BackendCreated("bk_1", 1, "ws_evil", "b", null, null, List.of(), "me", "api",
                NOW))).isInstanceOf(RefusedEventException.class).hasMessageContaining("exists already");
        assertThat(state.workspaceId()).isEqualTo("ws_a");
        assertThat(state.seq()).isZero();
    }

    @Test
    void eventsThatSkipASequenceNumberBelongToAnotherBackendOrComeBeforeTheCreationAreRefused() {
        BackendState state = new BackendState();
        OperationRecorded first = new OperationRecorded("bk_1", 0, new ChangeMetadata("1", "k", "v"), List.of(), "me",
                "api", NOW);
        assertThatThrownBy(() -> state.apply(first)).isInstanceOf(RefusedEventException.class)
                .hasMessageContaining("no creation");
        state.apply(new BackendCreated("bk_1", 0, "ws_a", "b", null, null, List.of(), "me", "api", NOW));
        assertThatThrownBy(() -> state.apply(new OperationRecorded("bk_1", 5, new ChangeMetadata("1", "k", "v"), List.of(),
                "me", "api", NOW))).isInstanceOf(RefusedEventException.class).hasMessageContaining("not the next one");
        assertThatThrownBy(() -> state.apply(new OperationRecorded("bk_2", 1, new ChangeMetadata("1", "k", "v"), List.of(),
                "me", "api", NOW))).isInstanceOf(RefusedEventException.class).hasMessageContaining("in the log of bk_1");
        assertThat(state.seq()).isZero();
    }
}
