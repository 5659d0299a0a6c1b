package dev.ppl.operations.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.ppl.contracts.backend.VertexSnapshot;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.pipelang.PipelangException;
import dev.ppl.pipelang.Substitution;
import dev.ppl.pipelang.Type;
import dev.ppl.pipelang.Types;
import dev.ppl.pipelang.Unifier;

/**
 * Type inference over a whole graph: every vertex's type variables are its own (scoped as
 * {@code t@<vertex>}), pinned by its constraints and bound by its edges. A graph is well-typed when all
 * of that unifies at once, so a change is checked by solving the graph as it would be after it.
 */
final class TypeCheck {
    /** Port and pinned types are parsed for every check; the same few texts come back again and again. */
    private static final int CACHED_TYPES = 10_000;
    /** Longer texts are parsed each time: the cache is bounded in bytes as well as in entries. */
    private static final int CACHED_LENGTH = 256;
    private static final Map<String, Type> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Type> eldest) {
            return size() > CACHED_TYPES;
        }
    });

    private TypeCheck() {
    }

    static Type parse(String text) {
        if (text == null || text.length() > CACHED_LENGTH) {
            return Types.parse(text);
        }
        return PARSED.computeIfAbsent(text, Types::parse);
    }

    /** How many parsed types are kept. */
    static int cached() {
        return PARSED.size();
    }

    static Type scoped(String text, String vertexId) {
        return parse(text).renameVariables(v -> v + "@" + vertexId);
    }

    /** The graph does not type-check; the message names the edge or constraint and what did not unify. */
    static final class IllTyped extends RuntimeException {
        IllTyped(String message) {
            super(message);
        }
    }

    /** Solves the graph; throws {@link IllTyped} or {@link PipelangException} naming what does not unify. */
    static Substitution solve(BackendState state, Function<String, ComponentDescriptor> descriptorOf) {
        Substitution s = Substitution.empty();
        for (VertexSnapshot v : state.vertices().values()) {
            for (Map.Entry<String, String> pin : v.constraints().entrySet()) {
                try {
                    s = Unifier.constrain(s, pin.getKey() + "@" + v.vertexId(), scoped(pin.getValue(), v.vertexId()));
                } catch (PipelangException ex) {
                    throw new IllTyped("constraint " + pin.getKey() + " = " + pin.getValue() + " of vertex " + v.vertexId()
                            + ": " + ex.getMessage());
                }
            }
        }
        for (Edge e : state.edges()) {
            s = withEdge(s, state, e.fromVertex(), e.fromOutput(), e.toVertex(), e.toInput(), descriptorOf);
        }
        return s;
    }

    /**
     * A solution of the graph extended by one edge between two of its vertices. Unification's outcome does not depend
     * on the order of its equations, so extending a graph's solution by the new edge succeeds exactly when solving the
     * whole graph with it does, and fails with the same message (the new edge is the last one solve meets).
     */
    static Substitution withEdge(Substitution s, BackendState state, String fromVertex, int fromOutput, String toVertex,
            int toInput, Function<String, ComponentDescriptor> descriptorOf) {
        ComponentDescriptor from = descriptorOf.apply(state.vertex(fromVertex).orElseThrow().versionId());
        ComponentDescriptor to = descriptorOf.apply(state.vertex(toVertex).orElseThrow().versionId());
        Type out = scoped(port(from.outputs(), fromOutput), fromVertex);
        Type in = scoped(port(to.inputs(), toInput), toVertex);
        try {
            return Unifier.unify(out, in, s);
        } catch (PipelangException ex) {
            throw new IllTyped("edge " + fromVertex + "." + fromOutput + " -> " + toVertex + "." + toInput + ": "
                    + ex.getMessage());
        }
    }

    private static String port(List<ComponentDescriptor.Port> ports, int index) {
        if (index >= ports.size()) {
            throw new IllTyped("port " + index + " does not exist; the component has " + ports.size());
        }
        return ports.get(index).type();
    }
}
