package dev.ppl.lease.livetest;

import dev.ppl.contracts.livetest.Failed;

/** Ends a live test with {@code failed{stage, error}}. */
final class SagaFailure extends RuntimeException {
    private final String stage;

    SagaFailure(String stage, String error) {
        super(error);
        this.stage = stage;
    }

    Failed event() {
        return new Failed(stage, getMessage(), null);
    }
}
