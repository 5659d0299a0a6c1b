package dev.ppl.contracts.lease;

import dev.ppl.contracts.codec.Message;

/** Events on {@link dev.ppl.contracts.Topics#LEASE_EVENTS}, keyed by lease id. */
public sealed interface LeaseEvent extends Message permits LeaseOpened, LeaseRolledBack, LeaseCommitted, LeaseResourcePromoted {
    String leaseId();
}
