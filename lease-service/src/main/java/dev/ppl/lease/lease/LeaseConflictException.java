package dev.ppl.lease.lease;

import dev.ppl.service.web.ResourceConflictException;

/** The lease is not in a state that allows the call (promoting into a closed lease, deleting an open one). */
public class LeaseConflictException extends ResourceConflictException {
    public LeaseConflictException(String detail, String field) {
        super(detail, field);
    }
}
