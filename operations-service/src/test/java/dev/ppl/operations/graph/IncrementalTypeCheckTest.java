package dev.ppl.operations.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.backend.AddConstraint;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.service.web.ProblemException;

/**
 * A connect extends the graph's carried type solution by its one edge instead of solving the whole graph again; it
 * must accept and refuse exactly what solving the whole graph would, whatever came before it.
 */
class IncrementalTypeCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private static final Map<String, VersionView> VERSIONS = Map.of(
            "cv_gen", version("cv_gen", "gen", "t", "t"),
            "cv_str", version("cv_str", "str", "String", "String"),
            "cv_int", version("cv_int", "int", "Int", "Int"),
            "cv_list", version("cv_list", "list", "t", "[t]"),
            "cv_head", version("cv_head", "head", "[t]", "t"));
    private static final List<String> IDS = List.of("cv_gen", "cv_str", "cv_int", "cv_list", "cv_head");

    private static VersionView version(String id, String name, String in, String out) {
        ComponentDescriptor d = new ComponentDescriptor(name, "1.0.0", null, List.of(new ComponentDescriptor.Port("i", in)),
                List.of(new ComponentDescriptor.Port("o", out)), null, null, null, null,
                new ComponentDescriptor.Local(List.of("true"), null), null, null, null);
        return new VersionView(id, "cp_" + name, name, "1.0.0", false, List.of(), null, "ws_a", null, d);
    }

    @Test
    void connectsDecidedOnTheCarriedSolutionAgreeWithSolvingTheWholeGraphOverRandomSessions() {
        Decider decider = new Decider((ws, id) -> Optional.ofNullable(VERSIONS.get(id)), OperationLimits.DEFAULTS);
        Random random = new Random(13);
        int connectsAccepted = 0;
        int connectsRefused = 0;
        for (int session = 0; session < 40; session++) {
            BackendState state = new BackendState();
            state.apply(new BackendCreated("bk_1", 0, "ws_a", "b", null, null, List.of(), "me", "api", NOW));
            for (int step = 0; step < 60; step++) {
                BackendOperation op = randomOperation(random, state);
                boolean wholeGraphSays = op instanceof Connect c ? solvesWith(state, c) : true;
                boolean accepted;
                try {
                    decider.decide(state, op, new Stamp("me", "api", NOW));
                    accepted = true;
                } catch (ProblemException e) {
                    accepted = false;
                }
                if (op instanceof Connect c && takenOrMissing(state, c) == null) {
                    assertThat(accepted).as("session %d step %d: %s", session, step, op).isEqualTo(wholeGraphSays);
                    if (accepted) {
                        connectsAccepted++;
                    } else {
                        connectsRefused++;
                    }
                }
            }
        }
        assertThat(connectsAccepted).isGreaterThan(50);
        assertThat(connectsRefused).isGreaterThan(50);
    }

    /** Null when a connect's ports are free and exist, so only its types decide. */
    private static String takenOrMissing(BackendState state, Connect c) {
        return state.vertex(c.fromVertex()).isEmpty() || state.vertex(c.toVertex()).isEmpty() ? "missing" : null;
    }

    private static boolean solvesWith(BackendState state, Connect c) {
        if (state.vertex(c.fromVertex()).isEmpty() || state.vertex(c.toVertex()).isEmpty()
                || state.edgeInto(c.toVertex(), c.toInput()).isPresent()) {
            return false;
        }
        BackendState after = state.copy();
        after.apply(new OperationRecorded("bk_1", state.seq() + 1, c, List.of(), "me", "api", NOW));
        try {
            TypeCheck.solve(after, id -> VERSIONS.get(id).descriptor());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BackendOperation randomOperation(Random random, BackendState state) {
        List<String> vertices = new ArrayList<>(state.vertices().keySet());
        int kind = vertices.size() < 3 ? 0 : random.nextInt(10);
        String any = vertices.isEmpty() ? "1" : vertices.get(random.nextInt(vertices.size()));
        String other = vertices.isEmpty() ? "1" : vertices.get(random.nextInt(vertices.size()));
        return switch (kind) {
            case 0, 1 -> new AddVertex(IDS.get(random.nextInt(IDS.size())), null, null);
            case 2, 3, 4, 5 -> new Connect(any, 0, other, 0);
            case 6 -> new Disconnect(any, 0);
            case 7 -> new DeleteVertex(any);
            case 8 -> new AddConstraint(any, "t", random.nextBoolean() ? "String" : "Int");
            default -> new ChangeMetadata(any, "k", "v");
        };
    }
}
