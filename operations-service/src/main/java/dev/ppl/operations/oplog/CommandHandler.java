package dev.ppl.operations.oplog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.command.ApplyOperations;
import dev.ppl.contracts.backend.command.BackendCommand;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.backend.command.CompactLog;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.contracts.backend.command.DeleteBackend;
import dev.ppl.contracts.backend.command.UndoOperations;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.Decider;
import dev.ppl.operations.graph.Stamp;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceConflictException;
import dev.ppl.service.web.ResourceNotFoundException;

/**
 * What the writer does with one command, given the graphs of the backends it owns: the events to append
 * and the answer. Touches {@code states} only for what it accepts; a refusal leaves them as they were.
 */
public final class CommandHandler {
    private static final Logger LOG = Logger.getLogger(CommandHandler.class);
    private final Decider decider;

    public CommandHandler(Decider decider) {
        this.decider = decider;
    }

    /**
     * @param suspect the command failed in a way the writer did not foresee (a defect, a stack overflow): the state of
     *        its backend may have been touched halfway, so the writer replays it from the log
     */
    public record Outcome(List<BackendEvent> events, BackendCommandAnswered answer, boolean suspect) {
        Outcome(List<BackendEvent> events, BackendCommandAnswered answer) {
            this(events, answer, false);
        }
    }

    public Outcome handle(Map<String, BackendState> states, BackendCommand command, Instant now) {
        Stamp stamp = new Stamp(command.actor(), command.surface(), now);
        try {
            if (command instanceof CreateBackend create) {
                return accepted(command, create(states, create, stamp));
            }
            BackendState state = states.get(command.backendId());
            if (state == null || !state.exists() || !state.workspaceId().equals(command.workspaceId())) {
                throw new ResourceNotFoundException("backend", command.backendId());
            }
            if (command instanceof ApplyOperations apply) {
                if (apply.operations().size() == 1 && !apply.dryRun()) {
                    // One operation is validated before it touches the state: no copy needed.
                    return accepted(command, List.of(decider.decide(state, apply.operations().get(0), stamp)));
                }
                BackendState after = state.copy();
                List<BackendEvent> events = decider.decideAll(after, apply.operations(), stamp);
                if (apply.dryRun()) {
                    JsonNode graph = JsonCodec.mapper().valueToTree(after.document());
                    BackendCommandAnswered answer = new BackendCommandAnswered(command.requestId(), command.backendId(), null,
                            null, List.of(), graph, null);
                    decider.limits().checkEvent(answer, "operations");
                    return new Outcome(List.of(), answer);
                }
                states.put(command.backendId(), after);
                return accepted(command, events);
            }
            if (command instanceof UndoOperations undo) {
                BackendState after = state.copy();
                List<BackendEvent> events = decider.undo(after, undo.count(), stamp);
                states.put(command.backendId(), after);
                return accepted(command, events);
            }
            if (command instanceof CompactLog) {
                return accepted(command, List.of(decider.compact(state, stamp)));
            }
            if (command instanceof DeleteBackend delete) {
                BackendDeleted deleted = new BackendDeleted(state.backendId(), state.seq() + 1, delete.reason(),
                        state.leaseId(), List.of(), stamp.actor(), stamp.surface(), stamp.at());
                state.apply(deleted);
                states.put(command.backendId(), state.tombstone());
                return accepted(command, List.of(deleted));
            }
            throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
        } catch (ProblemException e) {
            return refused(command, new BackendCommandAnswered.Problem(e.status(), e.title(), e.getMessage(), e.field(),
                    e.expected(), e.limit()));
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // A defect (a stack overflow included) must cost this one command, not the writer: rethrowing would abort
            // the batch, and the command would be read again and fail again, forever. What it did to the backend's
            // state is unknown, so the outcome is suspect and the writer replays that state from the log.
            LOG.errorf(e, "command %s for backend %s failed", command.requestId(), command.backendId());
            return new Outcome(List.of(), new BackendCommandAnswered(command.requestId(), command.backendId(), null, null,
                    List.of(), null, new BackendCommandAnswered.Problem(500, "Internal error",
                            "the writer could not handle this command (" + e.getClass().getSimpleName()
                                    + "); nothing was applied",
                            null, null, null)),
                    true);
        }
    }

    private static Outcome refused(BackendCommand command, BackendCommandAnswered.Problem problem) {
        return new Outcome(List.of(), new BackendCommandAnswered(command.requestId(), command.backendId(), null, null,
                List.of(), null, problem));
    }

    private static List<BackendEvent> create(Map<String, BackendState> states, CreateBackend create, Stamp stamp) {
        if (states.containsKey(create.backendId())) {
            throw new ResourceConflictException("backend " + create.backendId() + " exists already", "backend_id");
        }
        BackendState state = new BackendState();
        List<BackendEvent> events = new ArrayList<>();
        events.add(new BackendCreated(create.backendId(), 0, create.workspaceId(), create.name(), create.leaseId(),
                create.sourceBackendId(), List.of(), stamp.actor(), stamp.surface(), stamp.at()));
        for (BackendEvent copied : create.copied()) {
            events.add(renumbered(copied, create.backendId(), events.size()));
        }
        events.forEach(state::apply);
        states.put(create.backendId(), state);
        return events;
    }

    /** A fork takes over the source's operations as its own, keeping who made them and when. */
    private static BackendEvent renumbered(BackendEvent logged, String backendId, long seq) {
        BackendEvent event = BackendState.upcast(logged);
        if (event instanceof OperationRecorded r) {
            return new OperationRecorded(backendId, seq, r.operation(), r.inverse(), r.actor(), r.surface(), r.recordedAt());
        }
        if (event instanceof LogCompacted c) {
            return new LogCompacted(backendId, seq, c.vertexCount(), c.operations(), c.inverse(), c.actor(), c.surface(),
                    c.recordedAt());
        }
        throw new InvalidInputException("source_backend_id", "a backend whose log holds operations and compactions",
                "a fork copies operations and compactions, not " + event.getClass().getSimpleName());
    }

    private static Outcome accepted(BackendCommand command, List<BackendEvent> events) {
        return new Outcome(events, new BackendCommandAnswered(command.requestId(), command.backendId(), events.get(0).seq(),
                events.get(events.size() - 1).seq(), events.size() == 1 ? events : List.of(), null, null));
    }
}
