package dev.ppl.lease.deployment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.deploy.DeployEvent;

/**
 * Hands the deploy events this service consumes to the live tests and waits watching them, after they are
 * projected. A watcher subscribes before it reads the current state, so nothing published in between is
 * missed (it may see an event twice, which watchers tolerate).
 */
@ApplicationScoped
public class DeployEventHub {
    /** One a running live test or open wait, removed when it ends: bounded by the streams, which are capped per token. */
    private final List<Consumer<DeployEvent>> subscribers = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<DeployEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(DeployEvent event) {
        subscribers.forEach(s -> s.accept(event));
    }

    /** Ends a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
