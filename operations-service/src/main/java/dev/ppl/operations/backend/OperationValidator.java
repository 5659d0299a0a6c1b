package dev.ppl.operations.backend;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ResourceConflictException;

/**
 * Decides whether an operation may land on a graph and, if so, the event that records it with its
 * inverse. A pure function of the graph and the catalog: a refused operation is an exception naming the
 * field, and nothing is recorded.
 */
public final class OperationValidator {
    private OperationValidator() {
    }

    public static BackendEvent decide(BackendGraph graph, BackendOperation operation,
            Function<String, Optional<VersionView>> versions, String actor, String surface, Instant at) {
        long seq = graph.seq() + 1;
        if (operation instanceof AddVertex add) {
            if (versions.apply(add.versionId()).isEmpty()) {
                throw new InvalidInputException("version_id", "the id of a component version in this workspace",
                        "version '" + add.versionId() + "' does not exist in this workspace");
            }
            String vertexId = graph.nextVertexId();
            return new VertexAdded(graph.backendId(), seq, vertexId, add.versionId(), add.alias(),
                    List.of(new DeleteVertex(vertexId)), actor, surface, at);
        }
        if (operation instanceof Connect connect) {
            BackendGraph.Vertex from = vertex(graph, connect.fromVertex(), "from_vertex");
            BackendGraph.Vertex to = vertex(graph, connect.toVertex(), "to_vertex");
            List<ComponentDescriptor.Port> outputs = from.version().descriptor().outputs();
            List<ComponentDescriptor.Port> inputs = to.version().descriptor().inputs();
            if (connect.fromOutput() >= outputs.size()) {
                throw new InvalidInputException("from_output", "an output index below " + outputs.size(),
                        "vertex " + from.vertexId() + " has " + outputs.size() + " output(s), not output "
                                + connect.fromOutput());
            }
            if (connect.toInput() >= inputs.size()) {
                throw new InvalidInputException("to_input", "an input index below " + inputs.size(),
                        "vertex " + to.vertexId() + " has " + inputs.size() + " input(s), not input " + connect.toInput());
            }
            graph.edgeInto(connect.toVertex(), connect.toInput()).ifPresent(existing -> {
                throw new ResourceConflictException("input " + connect.toVertex() + "." + connect.toInput()
                        + " already has an upstream edge from " + existing.fromVertex() + "." + existing.fromOutput()
                        + "; an input takes at most one (disconnect it first)", "to_input");
            });
            String fromType = outputs.get(connect.fromOutput()).type();
            String toType = inputs.get(connect.toInput()).type();
            if (!TypeRules.unify(fromType, toType)) {
                throw new InvalidInputException("to_input", "an input whose type unifies with " + fromType,
                        "edge " + from.vertexId() + "." + connect.fromOutput() + " -> " + to.vertexId() + "."
                                + connect.toInput() + ": output type " + fromType + " does not unify with input type "
                                + toType);
            }
            return new EdgeConnected(graph.backendId(), seq, connect.fromVertex(), connect.fromOutput(), connect.toVertex(),
                    connect.toInput(), List.of(new Disconnect(connect.toVertex(), connect.toInput())), actor, surface, at);
        }
        if (operation instanceof ChangeParameter change) {
            BackendGraph.Vertex vertex = vertex(graph, change.vertexId(), "vertex_id");
            ComponentDescriptor.ConfigParam declared = vertex.version().descriptor().configSchema().get(change.name());
            if (declared == null) {
                throw new InvalidInputException("name", "one of " + vertex.version().descriptor().configSchema().keySet(),
                        "component '" + vertex.version().name() + "' declares no parameter '" + change.name() + "'");
            }
            if (change.value() != null) {
                if (!declared.type().equals(change.valueType())) {
                    throw new InvalidInputException("value_type", declared.type(), "parameter '" + change.name()
                            + "' is declared " + declared.type() + ", not " + change.valueType());
                }
                String problem = TypeRules.literalProblem(declared.type(), change.value());
                if (problem != null) {
                    throw new InvalidInputException("value", problem, "'" + change.value() + "' is not a "
                            + declared.type() + " literal: expected " + problem);
                }
            }
            Optional<BackendGraph.Param> previous = graph.param(change.vertexId(), change.name());
            ChangeParameter inverse = previous
                    .map(p -> new ChangeParameter(change.vertexId(), change.name(), p.valueType(), p.value()))
                    .orElse(new ChangeParameter(change.vertexId(), change.name(), null, null));
            return new ParameterChanged(graph.backendId(), seq, change.vertexId(), change.name(), change.valueType(),
                    change.value(), List.of(inverse), actor, surface, at);
        }
        throw new InvalidInputException("type", "add-vertex, connect or change-parameter",
                "operation '" + JsonCodec.wireType(operation.getClass()) + "' is not supported yet");
    }

    private static BackendGraph.Vertex vertex(BackendGraph graph, String vertexId, String field) {
        BackendGraph.Vertex vertex = graph.vertices().get(vertexId);
        if (vertex == null) {
            throw new InvalidInputException(field, "the id of a vertex of backend " + graph.backendId() + " "
                    + graph.vertices().keySet(), "vertex '" + vertexId + "' does not exist in backend " + graph.backendId());
        }
        return vertex;
    }

}
