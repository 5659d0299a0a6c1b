package dev.ppl.contracts.livetest;

import java.util.List;

import dev.ppl.contracts.codec.JsonCodec;

final class LiveTestEvents {
    static final JsonCodec CODEC = new JsonCodec(List.of(LeaseCreated.class, BackendCreatedEvent.class,
            VertexAddedEvent.class, EdgeConnectedEvent.class, ParamSet.class, DeployStarted.class, ContainerEvent.class,
            Ready.class, Failed.class, CasePassed.class, CaseFailed.class, StartLiveTest.class));

    private LiveTestEvents() {
    }
}
