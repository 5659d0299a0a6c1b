package dev.ppl.deploy.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.ppl.service.web.InvalidInputException;

/** The runtimes deployments can name: the {@code local} driver and every configured one. */
@ApplicationScoped
public class RuntimeRegistry {
    private final Map<String, RuntimeDriver> drivers = new TreeMap<>();

    public RuntimeRegistry(Instance<RuntimeDriver> drivers, Instance<RuntimeDrivers> configured) {
        Stream.concat(drivers.stream(), configured.stream().flatMap(c -> c.drivers().stream())).forEach(driver -> {
            if (this.drivers.putIfAbsent(driver.id(), driver) != null) {
                throw new IllegalStateException("runtime id '" + driver.id() + "' is configured twice");
            }
        });
    }

    public RuntimeDriver require(String runtime) {
        RuntimeDriver driver = runtime == null ? null : drivers.get(runtime);
        if (driver == null) {
            throw new InvalidInputException("runtime", "one of " + drivers.keySet(),
                    "unknown runtime '" + runtime + "'; known runtimes: " + drivers.keySet());
        }
        return driver;
    }

    public List<RuntimeDriver> drivers() {
        return List.copyOf(drivers.values());
    }

    public List<RuntimeView> all() {
        return drivers.values().stream().map(d -> new RuntimeView(d.id(), d.kind()))
                .sorted(Comparator.comparing(RuntimeView::id)).toList();
    }

    public record RuntimeView(String id, String kind) {
    }
}
