package dev.ppl.operations.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.component.ComponentDescriptor.ConfigParam;
import dev.ppl.contracts.component.ComponentDescriptor.Port;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceConflictException;

/** The decisions and inverses on an in-memory graph: source ("1", String out) and sink ("2", String in). */
class OperationValidatorTest {
    private static final VersionView UPPER = version("cv_upper", List.of(new Port("text", "String")),
            List.of(new Port("upper", "String")), Map.of("suffix", new ConfigParam("String", "\"\"", false, null)));
    private static final VersionView NUMBERS = version("cv_numbers", List.of(new Port("n", "Int")), List.of(), Map.of());
    private static final Function<String, Optional<VersionView>> CATALOG = id -> Optional
            .ofNullable(Map.of(UPPER.id(), UPPER, NUMBERS.id(), NUMBERS).get(id));

    @Test
    void addingAVertexNumbersItAfterTheVerticesEverAddedAndItsInverseDeletesIt() {
        VertexAdded added = (VertexAdded) decide(graph(7, 3, List.of(), Map.of()), new AddVertex("cv_upper", "cut", null));

        assertThat(added.seq()).isEqualTo(8);
        assertThat(added.vertexId()).isEqualTo("4");
        assertThat(added.inverse()).containsExactly(new DeleteVertex("4"));
    }

    @Test
    void connectingRecordsTheEdgeWithADisconnectAsInverse() {
        EdgeConnected edge = (EdgeConnected) decide(graph(2, 2, List.of(), Map.of()), new Connect("1", 0, "2", 0));

        assertThat(edge.seq()).isEqualTo(3);
        assertThat(edge.inverse()).containsExactly(new Disconnect("2", 0));
    }

    @Test
    void aConnectIsRefusedOnTheFieldThatIsWrong() {
        BackendGraph connected = graph(3, 2, List.of(new BackendGraph.Edge("1", 0, "2", 0)), Map.of());

        assertRefused(connected, new Connect("1", 0, "2", 0), 409, "to_input");
        assertRefused(connected, new Connect("9", 0, "2", 0), 400, "from_vertex");
        assertRefused(connected, new Connect("1", 0, "9", 0), 400, "to_vertex");
        assertRefused(connected, new Connect("1", 1, "2", 0), 400, "from_output");
        assertRefused(connected, new Connect("1", 0, "2", 3), 400, "to_input");
    }

    @Test
    void aTypeMismatchNamesBothTypes() {
        Map<String, BackendGraph.Vertex> vertices = new LinkedHashMap<>();
        vertices.put("1", new BackendGraph.Vertex("1", null, UPPER));
        vertices.put("2", new BackendGraph.Vertex("2", null, NUMBERS));
        BackendGraph graph = new BackendGraph("bk_x", "ws_x", "b", null, 2, 2, vertices, List.of(), Map.of());

        assertThatThrownBy(() -> decide(graph, new Connect("1", 0, "2", 0))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("String").hasMessageContaining("Int")
                .satisfies(e -> assertThat(((ProblemException) e).field()).isEqualTo("to_input"));
    }

    @Test
    void changingAParameterRemembersThePreviousValueOrNullInItsInverse() {
        ParameterChanged first = (ParameterChanged) decide(graph(2, 2, List.of(), Map.of()),
                new ChangeParameter("1", "suffix", "String", "\"!\""));
        ParameterChanged second = (ParameterChanged) decide(
                graph(3, 2, List.of(), Map.of("1", Map.of("suffix", new BackendGraph.Param("String", "\"!\"")))),
                new ChangeParameter("1", "suffix", "String", "\"?\""));

        assertThat(first.inverse()).containsExactly(new ChangeParameter("1", "suffix", null, null));
        assertThat(second.inverse()).containsExactly(new ChangeParameter("1", "suffix", "String", "\"!\""));
    }

    @Test
    void aParameterChangeIsRefusedOnTheFieldThatIsWrong() {
        BackendGraph graph = graph(2, 2, List.of(), Map.of());

        assertRefused(graph, new ChangeParameter("9", "suffix", "String", "\"!\""), 400, "vertex_id");
        assertRefused(graph, new ChangeParameter("1", "prefix", "String", "\"!\""), 400, "name");
        assertRefused(graph, new ChangeParameter("1", "suffix", "Int", "1"), 400, "value_type");
        assertRefused(graph, new ChangeParameter("1", "suffix", "String", "!"), 400, "value");
    }

    @Test
    void unknownVersionsAndOperationsNotSupportedYetAreRefused() {
        BackendGraph graph = graph(2, 2, List.of(), Map.of());

        assertRefused(graph, new AddVertex("cv_gone", null, null), 400, "version_id");
        assertRefused(graph, new DeleteVertex("1"), 400, "type");
    }

    private static BackendEvent decide(BackendGraph graph, BackendOperation operation) {
        return OperationValidator.decide(graph, operation, CATALOG, "ada", "cli", Instant.EPOCH);
    }

    private static void assertRefused(BackendGraph graph, BackendOperation operation, int status, String field) {
        assertThatThrownBy(() -> decide(graph, operation)).isInstanceOf(ProblemException.class).satisfies(e -> {
            ProblemException problem = (ProblemException) e;
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.field()).isEqualTo(field);
        });
        if (status == 409) {
            assertThatThrownBy(() -> decide(graph, operation)).isInstanceOf(ResourceConflictException.class);
        }
    }

    private static BackendGraph graph(long seq, long vertexCount, List<BackendGraph.Edge> edges,
            Map<String, Map<String, BackendGraph.Param>> params) {
        Map<String, BackendGraph.Vertex> vertices = new LinkedHashMap<>();
        vertices.put("1", new BackendGraph.Vertex("1", "source", UPPER));
        vertices.put("2", new BackendGraph.Vertex("2", "sink", UPPER));
        return new BackendGraph("bk_x", "ws_x", "b", null, seq, vertexCount, vertices, edges, params);
    }

    private static VersionView version(String id, List<Port> inputs, List<Port> outputs, Map<String, ConfigParam> config) {
        ComponentDescriptor descriptor = new ComponentDescriptor(id, "1.0.0", null, inputs, outputs, config, List.of(), null,
                null, new ComponentDescriptor.Local(List.of("true"), null));
        return new VersionView(id, "cp_" + id, id, "1.0.0", false, List.of("latest"), null, "ws_x", null, descriptor);
    }
}
