package dev.ppl.contracts.livetest;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;

/**
 * One event of the live-test stream, printed by {@code ppl lease run} as one NDJSON line. The wire types
 * are the reference page's {@code type} values ({@code lease_created} ... {@code ready}/{@code failed}),
 * plus {@code case_passed}/{@code case_failed} from the manifest's cases.
 */
public sealed interface LiveTestEvent extends Message permits LeaseCreated, BackendCreatedEvent, VertexAddedEvent,
        EdgeConnectedEvent, ParamSet, DeployStarted, ContainerEvent, Ready, Failed, CasePassed, CaseFailed {

    /** True for {@code ready} and {@code failed}: the stream ends after one of them. */
    default boolean terminal() {
        return this instanceof Ready || this instanceof Failed;
    }

    static JsonCodec codec() {
        return LiveTestEvents.CODEC;
    }
}
