package dev.ppl.service.persistence;

import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs Hibernate Reactive work from a worker thread and waits for it. Services whose logic is
 * blocking by nature (processes, Kafka admin and producer calls) run it on worker threads and reach the
 * database through this one seam, on a Vert.x context as Hibernate Reactive requires.
 */
public final class Db {
    private Db() {
    }

    public static <T> T tx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }
}
