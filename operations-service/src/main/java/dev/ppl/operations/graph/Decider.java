package dev.ppl.operations.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.ppl.contracts.backend.AddConstraint;
import dev.ppl.contracts.backend.AddFile;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeAlias;
import dev.ppl.contracts.backend.ChangeEndpointAlias;
import dev.ppl.contracts.backend.ChangeHostPortBinding;
import dev.ppl.contracts.backend.ChangeLayout;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.ChangeServiceConfig;
import dev.ppl.contracts.backend.ChangeVersion;
import dev.ppl.contracts.backend.ChangeVolumeMount;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.RestoreVertex;
import dev.ppl.contracts.backend.VertexSnapshot;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.pipelang.Check;
import dev.ppl.pipelang.Literals;
import dev.ppl.pipelang.PipelangException;
import dev.ppl.pipelang.PipelangLimits;
import dev.ppl.pipelang.Substitution;
import dev.ppl.pipelang.Type;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceConflictException;

/**
 * Decides whether operations may land on a backend and records each accepted one with its inverse. A
 * refusal is a {@link ProblemException} naming the field; the state passed in is then unchanged only if
 * the caller decided on a {@link BackendState#copy()}, which is what atomic batches do.
 */
public final class Decider {
    /** SecretRef parameters carry the name of a workspace secret, never its value. */
    static final String SECRET_REF = "SecretRef";

    /** Looks up a component version visible to a workspace. */
    public interface Versions {
        Optional<VersionView> find(String workspaceId, String versionId);
    }

    private final Versions versions;
    private final OperationLimits limits;
    /**
     * The type solution of one state at one sequence number, carried from operation to operation so that a connect
     * extends it by its one edge instead of copying and solving the whole graph: a patch of n connects then costs n
     * unifications, not n solves of a growing graph. Any change that could remove an equation (delete-vertex,
     * disconnect, restore-vertex, change-version, add-constraint) or any change made elsewhere (a sequence number
     * that does not follow) drops it. The Decider belongs to the writer's one thread.
     */
    private Solved solved;
    /** The solution for the state after the operation being decided, set by its type check. */
    private Solved pending;

    private record Solved(BackendState state, long seq, Substitution substitution) {
        boolean isFor(BackendState other) {
            return state == other && seq == other.seq();
        }
    }

    public Decider(Versions versions, OperationLimits limits) {
        this.versions = versions;
        this.limits = limits;
    }

    public OperationLimits limits() {
        return limits;
    }

    /**
     * Validates a batch and applies it to {@code state} one operation at a time, each seeing the ones
     * before it. The first refusal names its index ({@code operations[6].value}) and the whole batch is refused.
     */
    public List<BackendEvent> decideAll(BackendState state, List<BackendOperation> operations, Stamp stamp) {
        limits.checkPatchSize(operations.size());
        List<BackendEvent> events = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            try {
                events.add(decide(state, operations.get(i), stamp));
            } catch (ProblemException e) {
                throw at(i, operations.size(), e);
            }
        }
        return events;
    }

    /** Validates one operation against the state, applies it, and answers the event that records it. */
    public OperationRecorded decide(BackendState state, BackendOperation operation, Stamp stamp) {
        String largest = limits.checkStrings(operation);
        pending = null;
        Recorded recorded = validate(state, operation);
        String vertexId = touchedVertex(operation);
        if (vertexId != null) {
            state.vertex(vertexId).ifPresent(
                    v -> limits.checkVertexGrowth(v, operation, Objects.requireNonNullElse(largest, "vertex_id")));
        }
        OperationRecorded event = new OperationRecorded(state.backendId(), state.seq() + 1, recorded.operation(),
                recorded.inverse(), stamp.actor(), stamp.surface(), stamp.at());
        // Checked before the state changes: a refusal here leaves a single operation's live state untouched.
        limits.checkEvent(event, Objects.requireNonNullElse(largest, "type"));
        boolean carried = solved != null && solved.isFor(state) && typeNeutral(operation);
        state.apply(event);
        solved = pending != null ? pending : carried ? new Solved(state, state.seq(), solved.substitution()) : null;
        pending = null;
        return event;
    }

    /** Operations that add no type equation and remove none: a graph's solution holds after them. */
    private static boolean typeNeutral(BackendOperation operation) {
        return operation instanceof AddVertex || operation instanceof ChangeParameter || operation instanceof ChangeMetadata
                || operation instanceof AddFile || operation instanceof ChangeAlias || operation instanceof ChangeLayout
                || operation instanceof ChangeEndpointAlias || operation instanceof ChangeHostPortBinding
                || operation instanceof ChangeVolumeMount || operation instanceof ChangeServiceConfig;
    }

    /** The existing vertex an operation adds bindings, metadata or configuration to; null for the others. */
    private static String touchedVertex(BackendOperation operation) {
        if (operation instanceof ChangeMetadata c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeParameter c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeServiceConfig c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeEndpointAlias c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeVolumeMount c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeAlias c) {
            return c.vertexId();
        }
        if (operation instanceof AddFile c) {
            return c.vertexId();
        }
        if (operation instanceof AddConstraint c) {
            return c.vertexId();
        }
        if (operation instanceof ChangeHostPortBinding c) {
            return c.vertexId();
        }
        return null;
    }

    /** Appends the inverses of the last {@code count} operations, newest first, as new operations. */
    public List<BackendEvent> undo(BackendState state, int count, Stamp stamp) {
        List<List<BackendOperation>> undoable = state.inverses();
        if (count < 1 || count > undoable.size()) {
            throw new InvalidInputException("count", "from 1 to " + undoable.size(),
                    "backend " + state.backendId() + " has " + undoable.size() + " operation(s) that can be undone"
                            + (state.baseSeq() > 0 ? " since it was compacted at seq " + state.baseSeq() : "")
                            + ", not " + count);
        }
        List<BackendOperation> inverses = new ArrayList<>();
        for (int i = undoable.size() - 1; i >= undoable.size() - count; i--) {
            inverses.addAll(undoable.get(i));
        }
        return decideAll(state, inverses, stamp);
    }

    /**
     * The minimum sequence that yields the same graph: one {@code restore-vertex} per vertex (which carries
     * every binding) and one {@code connect} per edge. Superseded values, undone changes and edge churn are gone.
     */
    public LogCompacted compact(BackendState state, Stamp stamp) {
        List<BackendOperation> operations = new ArrayList<>();
        state.vertices().values().forEach(v -> operations.add(new RestoreVertex(v)));
        state.edges().forEach(e -> operations.add(e.connect()));
        LogCompacted event = new LogCompacted(state.backendId(), state.seq() + 1, state.vertexCount(), operations, List.of(),
                stamp.actor(), stamp.surface(), stamp.at());
        limits.checkEvent(event, "operations");
        state.apply(event);
        return event;
    }

    private record Recorded(BackendOperation operation, List<BackendOperation> inverse) {
        Recorded(BackendOperation operation, BackendOperation inverse) {
            this(operation, List.of(inverse));
        }
    }

    private Recorded validate(BackendState state, BackendOperation operation) {
        if (operation instanceof AddVertex add) {
            if (add.vertexId() != null) {
                throw new InvalidInputException("vertex_id", "no vertex_id: the server assigns it",
                        "add-vertex takes no vertex_id; the server assigns one and answers it");
            }
            version(state, add.versionId(), "version_id");
            limits.checkVertices(state.vertices().size() + 1, "vertices");
            String vertexId = Long.toString(state.vertexCount() + 1);
            uniqueAlias(state, add.alias(), vertexId);
            return new Recorded(new AddVertex(add.versionId(), add.alias(), vertexId), new DeleteVertex(vertexId));
        }
        if (operation instanceof RestoreVertex restore) {
            VertexSnapshot v = restore.vertex();
            if (!v.vertexId().matches("[1-9][0-9]{0,17}") || Long.parseLong(v.vertexId()) > state.vertexCount()) {
                throw new InvalidInputException("vertex.vertex_id", "the id of a vertex this backend had, 1 to "
                        + state.vertexCount(),
                        "restore-vertex puts back a vertex the backend had; '" + v.vertexId()
                                + "' never was one");
            }
            if (state.vertex(v.vertexId()).isPresent()) {
                throw new ResourceConflictException("vertex " + v.vertexId() + " exists already", "vertex.vertex_id");
            }
            version(state, v.versionId(), "vertex.version_id");
            limits.checkVertices(state.vertices().size() + 1, "vertices");
            limits.checkVertexGrowth(Map.of(), v, "vertex");
            return new Recorded(restore, new DeleteVertex(v.vertexId()));
        }
        if (operation instanceof DeleteVertex delete) {
            VertexSnapshot v = vertex(state, delete.vertexId(), "vertex_id");
            List<BackendOperation> inverse = new ArrayList<>();
            inverse.add(new RestoreVertex(v));
            state.edges().stream().filter(e -> e.touches(v.vertexId())).forEach(e -> inverse.add(e.connect()));
            return new Recorded(delete, inverse);
        }
        if (operation instanceof Connect connect) {
            return new Recorded(connect, connect(state, connect));
        }
        if (operation instanceof Disconnect disconnect) {
            Edge edge = state.edgeInto(disconnect.toVertex(), disconnect.toInput()).orElseThrow(
                    () -> new InvalidInputException("to_input",
                            "an input of vertex " + disconnect.toVertex() + " that has an edge",
                            "input " + disconnect.toVertex() + "." + disconnect.toInput() + " has no upstream edge"));
            return new Recorded(disconnect, edge.connect());
        }
        if (operation instanceof ChangeVersion change) {
            return new Recorded(change, changeVersion(state, change));
        }
        if (operation instanceof ChangeParameter change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            checkParameter(descriptor(state, v), change);
            VertexSnapshot.Param previous = v.params().get(change.name());
            return new Recorded(change, new ChangeParameter(change.vertexId(), change.name(),
                    previous == null ? null : previous.valueType(), previous == null ? null : previous.value()));
        }
        if (operation instanceof AddFile add) {
            VertexSnapshot v = vertex(state, add.vertexId(), "vertex_id");
            checkFile(descriptor(state, v), add.slot(), add.fileId() == null ? null : add.fileType(), "slot", "file_type");
            VertexSnapshot.FileBinding previous = v.files().get(add.slot());
            return new Recorded(add, new AddFile(add.vertexId(), add.slot(), previous == null ? null : previous.fileId(),
                    previous == null ? null : previous.fileType()));
        }
        if (operation instanceof AddConstraint add) {
            VertexSnapshot v = vertex(state, add.vertexId(), "vertex_id");
            return new Recorded(add, addConstraint(state, v, add));
        }
        if (operation instanceof ChangeAlias change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            uniqueAlias(state, change.alias(), v.vertexId());
            return new Recorded(change, new ChangeAlias(v.vertexId(), v.alias()));
        }
        if (operation instanceof ChangeLayout change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            return new Recorded(change, new ChangeLayout(v.vertexId(), v.layout()));
        }
        if (operation instanceof ChangeMetadata change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            return new Recorded(change, new ChangeMetadata(v.vertexId(), change.key(), v.metadata().get(change.key())));
        }
        if (operation instanceof ChangeEndpointAlias change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            checkEndpoint(descriptor(state, v), change.endpoint(), "endpoint");
            return new Recorded(change,
                    new ChangeEndpointAlias(v.vertexId(), change.endpoint(), v.endpointAliases().get(change.endpoint())));
        }
        if (operation instanceof ChangeHostPortBinding change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            if (change.hostPort() != null) {
                for (VertexSnapshot other : state.vertices().values()) {
                    other.hostPorts().forEach((containerPort, hostPort) -> {
                        boolean same = other.vertexId().equals(v.vertexId()) && containerPort == change.containerPort();
                        if (!same && hostPort.equals(change.hostPort())) {
                            throw new ResourceConflictException("host port " + hostPort + " is already bound to vertex "
                                    + other.vertexId() + " port " + containerPort, "host_port");
                        }
                    });
                }
            }
            return new Recorded(change,
                    new ChangeHostPortBinding(v.vertexId(), change.containerPort(), v.hostPorts().get(change.containerPort())));
        }
        if (operation instanceof ChangeVolumeMount change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            return new Recorded(change, new ChangeVolumeMount(v.vertexId(), change.volume(), v.volumes().get(change.volume())));
        }
        if (operation instanceof ChangeServiceConfig change) {
            VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
            checkService(descriptor(state, v), change.service(), "service");
            String previous = v.serviceConfig().getOrDefault(change.service(), Map.of()).get(change.key());
            return new Recorded(change, new ChangeServiceConfig(v.vertexId(), change.service(), change.key(), previous));
        }
        throw new InvalidInputException("type", "an operation of the vocabulary",
                "operation '" + JsonCodec.wireType(operation.getClass()) + "' is not supported");
    }

    private BackendOperation connect(BackendState state, Connect connect) {
        VertexSnapshot from = vertex(state, connect.fromVertex(), "from_vertex");
        VertexSnapshot to = vertex(state, connect.toVertex(), "to_vertex");
        List<ComponentDescriptor.Port> outputs = descriptor(state, from).outputs();
        List<ComponentDescriptor.Port> inputs = descriptor(state, to).inputs();
        if (connect.fromOutput() >= outputs.size()) {
            throw new InvalidInputException("from_output", "an output index below " + outputs.size(), "vertex "
                    + from.vertexId() + " has " + outputs.size() + " output(s), not output " + connect.fromOutput());
        }
        if (connect.toInput() >= inputs.size()) {
            throw new InvalidInputException("to_input", "an input index below " + inputs.size(),
                    "vertex " + to.vertexId() + " has " + inputs.size() + " input(s), not input " + connect.toInput());
        }
        state.edgeInto(connect.toVertex(), connect.toInput()).ifPresent(existing -> {
            throw new ResourceConflictException("input " + connect.toVertex() + "." + connect.toInput()
                    + " already has an upstream edge from " + existing.fromVertex() + "." + existing.fromOutput()
                    + "; an input takes at most one (disconnect it first)", "to_input");
        });
        limits.checkEdges(state.edges().size() + 1, "edges");
        String fromType = outputs.get(connect.fromOutput()).type();
        String toType = inputs.get(connect.toInput()).type();
        typeCheckAfter(state, connect, "to_input",
                "an input whose type unifies with " + fromType + " (input is " + toType + ")");
        return new Disconnect(connect.toVertex(), connect.toInput());
    }

    private BackendOperation changeVersion(BackendState state, ChangeVersion change) {
        VertexSnapshot v = vertex(state, change.vertexId(), "vertex_id");
        VersionView current = version(state, v.versionId(), "vertex_id");
        VersionView next = version(state, change.versionId(), "version_id");
        if (!next.componentId().equals(current.componentId())) {
            throw new InvalidInputException("version_id", "a version of component '" + current.name() + "'",
                    "version " + next.id() + " is of component '" + next.name() + "', vertex " + v.vertexId() + " runs '"
                            + current.name() + "'; change-version keeps the component");
        }
        ComponentDescriptor d = next.descriptor();
        for (Map.Entry<String, VertexSnapshot.Param> p : v.params().entrySet()) {
            try {
                checkParameter(d,
                        new ChangeParameter(v.vertexId(), p.getKey(), p.getValue().valueType(), p.getValue().value()));
            } catch (ProblemException e) {
                throw new InvalidInputException("version_id", "a version whose types keep binding params." + p.getKey(),
                        "binding params." + p.getKey() + " does not fit version " + next.id() + ": " + e.getMessage());
            }
        }
        for (Map.Entry<String, VertexSnapshot.FileBinding> f : v.files().entrySet()) {
            try {
                checkFile(d, f.getKey(), f.getValue().fileType(), "slot", "file_type");
            } catch (ProblemException e) {
                throw new InvalidInputException("version_id", "a version whose types keep binding files." + f.getKey(),
                        "binding files." + f.getKey() + " does not fit version " + next.id() + ": " + e.getMessage());
            }
        }
        for (String endpoint : v.endpointAliases().keySet()) {
            try {
                checkEndpoint(d, endpoint, "endpoint");
            } catch (ProblemException e) {
                throw new InvalidInputException("version_id", "a version that declares endpoint " + endpoint,
                        "binding endpoint_aliases." + endpoint + " does not fit version " + next.id() + ": " + e.getMessage());
            }
        }
        for (String service : v.serviceConfig().keySet()) {
            try {
                checkService(d, service, "service");
            } catch (ProblemException e) {
                throw new InvalidInputException("version_id", "a version that depends on service " + service,
                        "binding service_config." + service + " does not fit version " + next.id() + ": " + e.getMessage());
            }
        }
        java.util.Set<String> variables = typeVariables(d);
        for (String variable : v.constraints().keySet()) {
            if (!variables.contains(variable)) {
                throw new InvalidInputException("version_id", "a version with type variable '" + variable + "'",
                        "binding constraints." + variable + " does not fit version " + next.id() + ": its ports have "
                                + (variables.isEmpty() ? "no type variable" : "type variables " + variables));
            }
        }
        typeCheckAfter(state, change, "version_id", "a version whose port types keep every edge and constraint of vertex "
                + v.vertexId() + " unifying");
        return new ChangeVersion(v.vertexId(), v.versionId());
    }

    private BackendOperation addConstraint(BackendState state, VertexSnapshot v, AddConstraint add) {
        ComponentDescriptor d = descriptor(state, v);
        java.util.Set<String> variables = typeVariables(d);
        if (!variables.contains(add.variable())) {
            throw new InvalidInputException("variable", variables.isEmpty() ? "no variable: the component is not generic"
                    : "one of " + variables, "component '" + d.name() + "' has no type variable '" + add.variable() + "'");
        }
        if (add.pinnedType() != null) {
            try {
                TypeCheck.parse(add.pinnedType());
            } catch (PipelangException e) {
                throw refused(e, "pinned_type", "a pipelang type",
                        "'" + add.pinnedType() + "' is not a type: " + e.getMessage());
            }
        }
        typeCheckAfter(state, add, "pinned_type", "a type that unifies with how vertex " + v.vertexId() + " is connected");
        return new AddConstraint(v.vertexId(), add.variable(), v.constraints().get(add.variable()));
    }

    private static java.util.Set<String> typeVariables(ComponentDescriptor d) {
        java.util.Set<String> variables = new java.util.TreeSet<>();
        d.inputs().forEach(p -> variables.addAll(TypeCheck.parse(p.type()).variables()));
        d.outputs().forEach(p -> variables.addAll(TypeCheck.parse(p.type()).variables()));
        return variables;
    }

    /** Type-checks the graph as it would be after {@code operation}. */
    private void typeCheckAfter(BackendState state, BackendOperation operation, String field, String expected) {
        try {
            Substitution solution;
            if (operation instanceof Connect c && solved != null && solved.isFor(state)) {
                solution = TypeCheck.withEdge(solved.substitution(), state, c.fromVertex(), c.fromOutput(), c.toVertex(),
                        c.toInput(), versionId -> version(state, versionId, field).descriptor());
            } else {
                BackendState after = state.copy();
                after.apply(new OperationRecorded(state.backendId(), state.seq() + 1, operation, List.of(), "check",
                        "check", java.time.Instant.EPOCH));
                solution = TypeCheck.solve(after, versionId -> version(state, versionId, field).descriptor());
            }
            pending = new Solved(state, state.seq() + 1, solution);
        } catch (TypeCheck.IllTyped e) {
            throw new InvalidInputException(field, expected, e.getMessage());
        } catch (PipelangException e) {
            throw refused(e, field, expected, e.getMessage());
        }
    }

    private static void checkParameter(ComponentDescriptor d, ChangeParameter change) {
        ComponentDescriptor.ConfigParam declared = d.configSchema().get(change.name());
        if (declared == null) {
            throw new InvalidInputException("name", "one of " + d.configSchema().keySet(),
                    "component '" + d.name() + "' declares no parameter '" + change.name() + "'");
        }
        if (change.value() == null) {
            return;
        }
        String expectedType = declared.secret() ? SECRET_REF : declared.type();
        if (!sameType(expectedType, change.valueType())) {
            throw new InvalidInputException("value_type", expectedType, "parameter '" + change.name() + "' is declared "
                    + (declared.secret() ? "secret: bind it to a workspace secret with value_type SecretRef" : declared.type())
                    + ", not " + change.valueType());
        }
        try {
            Check.literal(Literals.parse(change.value()), TypeCheck.parse(declared.secret() ? "String" : declared.type()));
        } catch (PipelangException e) {
            throw refused(e, "value", "a " + expectedType + " literal",
                    "'" + change.value() + "' is not a " + expectedType + " literal: " + e.getMessage());
        }
    }

    private static boolean sameType(String declared, String given) {
        if (declared.equals(given)) {
            return true;
        }
        if (SECRET_REF.equals(declared) || given == null) {
            return false;
        }
        try {
            Type a = TypeCheck.parse(declared);
            return a.equals(TypeCheck.parse(given));
        } catch (PipelangException e) {
            return false;
        }
    }

    private static void checkFile(ComponentDescriptor d, String slot, String fileType, String slotField, String typeField) {
        ComponentDescriptor.FileSlot declared = d.fileSchema().get(slot);
        if (declared == null) {
            throw new InvalidInputException(slotField, d.fileSchema().isEmpty() ? "no slot: the component declares none"
                    : "one of " + d.fileSchema().keySet(), "component '" + d.name() + "' declares no file slot '" + slot + "'");
        }
        if (fileType != null && !declared.types().contains(fileType)) {
            throw new InvalidInputException(typeField, "one of " + declared.types(),
                    "slot '" + slot + "' takes " + declared.types() + ", not a file of type '" + fileType + "'");
        }
    }

    private static void checkEndpoint(ComponentDescriptor d, String endpoint, String field) {
        if (d.endpoints().stream().noneMatch(e -> e.name().equals(endpoint))) {
            throw new InvalidInputException(field, d.endpoints().isEmpty() ? "no endpoint: the component declares none"
                    : "one of " + d.endpoints().stream().map(ComponentDescriptor.Endpoint::name).toList(),
                    "component '" + d.name() + "' declares no endpoint '" + endpoint + "'");
        }
    }

    private static void checkService(ComponentDescriptor d, String service, String field) {
        if (d.dependsOn().stream().noneMatch(s -> s.name().equals(service))) {
            throw new InvalidInputException(field, d.dependsOn().isEmpty() ? "no service: the component depends on none"
                    : "one of " + d.dependsOn().stream().map(ComponentDescriptor.Service::name).toList(),
                    "component '" + d.name() + "' does not depend on service '" + service + "'");
        }
    }

    private static void uniqueAlias(BackendState state, String alias, String vertexId) {
        if (alias == null) {
            return;
        }
        state.vertices().values().stream().filter(v -> alias.equals(v.alias()) && !v.vertexId().equals(vertexId)).findFirst()
                .ifPresent(other -> {
                    throw new ResourceConflictException("alias '" + alias + "' is already vertex " + other.vertexId(), "alias");
                });
    }

    private static VertexSnapshot vertex(BackendState state, String vertexId, String field) {
        return state.vertex(vertexId).orElseThrow(() -> new InvalidInputException(field,
                "the id of a vertex of backend " + state.backendId() + " " + state.vertices().keySet(),
                "vertex '" + vertexId + "' does not exist in backend " + state.backendId()));
    }

    private ComponentDescriptor descriptor(BackendState state, VertexSnapshot v) {
        return version(state, v.versionId(), "vertex_id").descriptor();
    }

    private VersionView version(BackendState state, String versionId, String field) {
        return versions.find(state.workspaceId(), versionId)
                .orElseThrow(() -> new InvalidInputException(field, "the id of a component version in this workspace",
                        "version '" + versionId + "' does not exist in this workspace"));
    }

    private static ProblemException at(int index, int size, ProblemException e) {
        String field = "operations[" + index + "]" + (e.field() == null ? "" : "." + e.field());
        return new ProblemException(e.status(), e.title(), "operation " + (index + 1) + " of " + size + " (index " + index
                + ") was refused, so none of the " + size + " was applied: " + e.getMessage(), field,
                Objects.requireNonNullElse(e.expected(), "a valid operation"), e.limit());
    }

    /**
     * A pipelang refusal as a problem naming {@code field}: past one of pipelang's limits it names the limit too, and
     * does not echo the refused text, which may be the very thing that was too large.
     */
    private static ProblemException refused(PipelangException e, String field, String expected, String detail) {
        if (e.limit() >= 0) {
            String unit = PipelangLimits.DEPTH_SETTING.equals(e.setting()) ? "levels of nesting" : "characters";
            return new LimitExceededException(400, field, e.limit(), unit, e.setting(), field + ": " + e.getMessage());
        }
        return new InvalidInputException(field, expected, detail);
    }
}
