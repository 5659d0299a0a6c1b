package dev.ppl.deploy.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.ppl.service.web.InvalidInputException;

/** The runtimes deployments can name. */
@ApplicationScoped
public class RuntimeRegistry {
    private final Map<String, RuntimeDriver> drivers;

    public RuntimeRegistry(Instance<RuntimeDriver> drivers) {
        this.drivers = drivers.stream().collect(Collectors.toMap(RuntimeDriver::id, Function.identity()));
    }

    public RuntimeDriver require(String runtime) {
        RuntimeDriver driver = runtime == null ? null : drivers.get(runtime);
        if (driver == null) {
            throw new InvalidInputException("runtime", "one of " + drivers.keySet().stream().sorted().toList(),
                    "unknown runtime '" + runtime + "'; known runtimes: " + drivers.keySet().stream().sorted().toList());
        }
        return driver;
    }

    public List<RuntimeDriver> drivers() {
        return List.copyOf(drivers.values());
    }

    public List<RuntimeView> all() {
        return drivers.values().stream().map(d -> new RuntimeView(d.id(), d.kind()))
                .sorted(java.util.Comparator.comparing(RuntimeView::id)).toList();
    }

    public record RuntimeView(String id, String kind) {
    }
}
