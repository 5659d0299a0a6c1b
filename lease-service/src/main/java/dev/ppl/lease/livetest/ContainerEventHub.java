package dev.ppl.lease.livetest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.deploy.ContainerStatusChanged;

/**
 * Hands the container state changes this service consumes to the live tests waiting for them. A live
 * test subscribes before it asks for the deployment, so nothing published in between is missed.
 */
@ApplicationScoped
public class ContainerEventHub {
    private final List<Consumer<ContainerStatusChanged>> subscribers = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<ContainerStatusChanged> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(ContainerStatusChanged change) {
        subscribers.forEach(s -> s.accept(change));
    }

    /** Ends a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
