package dev.ppl.lease.result;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.lease.debug.LeaseDebugService;
import dev.ppl.lease.lease.LeaseService;
import dev.ppl.lease.lease.LeaseView;
import dev.ppl.service.web.InvalidInputException;

/**
 * {@code ppl lease set-result}: what a run concluded, kept with the debug bundle of that moment so a
 * post-mortem still has it after the lease's resources are gone. A live test that fails records its
 * {@code failed} event the same way, which is what {@code rollback --bulk --failed} finds.
 */
@ApplicationScoped
public class LeaseResultService {
    private static final Set<String> STATUSES = Set.of("passed", "failed");

    private final LeaseService leases;
    private final LeaseDebugService debug;

    public LeaseResultService(LeaseService leases, LeaseDebugService debug) {
        this.leases = leases;
        this.debug = debug;
    }

    public LeaseView set(String workspaceId, String leaseId, ResultRequest request) {
        if (request == null || request.status() == null || !STATUSES.contains(request.status())) {
            throw new InvalidInputException("status", "passed or failed", "status must be passed or failed; was "
                    + (request == null || request.status() == null ? "missing" : "'" + request.status() + "'"));
        }
        if (request.result() == null || !request.result().isObject()) {
            throw new InvalidInputException("result", "a JSON object", "result must be a JSON object");
        }
        return record(workspaceId, leaseId, request.status(), request.result());
    }

    public LeaseView record(String workspaceId, String leaseId, String status, JsonNode result) {
        LeaseView lease = leases.get(workspaceId, leaseId);
        return leases.setResult(workspaceId, leaseId, status, result, debug.live(workspaceId, lease));
    }
}
