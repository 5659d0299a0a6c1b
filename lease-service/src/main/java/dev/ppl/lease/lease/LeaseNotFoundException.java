package dev.ppl.lease.lease;

import dev.ppl.service.web.ResourceNotFoundException;

public class LeaseNotFoundException extends ResourceNotFoundException {
    public LeaseNotFoundException(String leaseId) {
        super("lease", leaseId);
    }
}
