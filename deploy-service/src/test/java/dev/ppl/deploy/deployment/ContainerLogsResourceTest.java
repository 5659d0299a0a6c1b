package dev.ppl.deploy.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A log is read only as fast as its client takes it: nothing piles up between the file and a slow client. */
class ContainerLogsResourceTest {

    @Test
    void aLineIsReadOnlyOnceTheClientHasAskedForIt() {
        AtomicInteger read = new AtomicInteger();
        Multi<String> endless = Multi.createFrom().<String> emitter(emitter -> {
            Object demand = new Object();
            emitter.onRequest(n -> {
                synchronized (demand) {
                    demand.notifyAll();
                }
            });
            try {
                while (true) {
                    ContainerLogsResource.awaitDemand(emitter, demand);
                    emitter.emit("line " + read.incrementAndGet() + "\n");
                }
            } catch (CancellationException e) {
                emitter.complete();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());

        AssertSubscriber<String> slow = endless.subscribe().withSubscriber(AssertSubscriber.create(3));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slow.getItems().size() == 3);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> read.get() <= 4);

        slow.request(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slow.getItems().size() == 5);
        assertThat(read.get()).isLessThanOrEqualTo(6);
        slow.cancel();
    }
}
