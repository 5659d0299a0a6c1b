package dev.ppl.gateway.leases;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.infra.Services;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;

/**
 * The rule for stamping a new row with a lease: the lease must exist in the caller's workspace and still be
 * open. A row stamped with an unknown or closed lease would never be cleaned up, because the close that
 * deletes a lease's rows has already happened or never will.
 */
@ApplicationScoped
public class OpenLeases {
    public static final String EXPECTED = "the id of an open lease of this workspace";

    private final InternalClient leases;

    public OpenLeases(Services services) {
        this.leases = services.leases();
    }

    /** Refuses with 404 or 409 naming {@code lease_id} unless the lease is open; other refusals pass through. */
    public void requireOpen(Caller caller, String leaseId) {
        JsonNode lease;
        try {
            lease = leases.get(caller.workspaceId(), caller.actor(), caller.surface(),
                    "/internal/leases/" + InternalClient.segment(leaseId));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw new ProblemException(404, "Not found",
                        "lease_id: lease '" + leaseId + "' does not exist in this workspace", "lease_id", EXPECTED);
            }
            throw e;
        }
        String state = lease.path("state").asText("");
        if (!state.equals("open")) {
            throw new ProblemException(409, "Conflict", "lease_id: lease '" + leaseId + "' is " + state
                    + "; only an open lease can own a new row", "lease_id", EXPECTED);
        }
    }
}
