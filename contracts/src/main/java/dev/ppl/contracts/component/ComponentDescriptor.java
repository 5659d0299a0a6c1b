package dev.ppl.contracts.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ppl.contracts.manifest.DocumentLimits;
import dev.ppl.contracts.manifest.ManifestException;

/**
 * A component's {@code component.yml}: what it is, its typed ports, its configuration, and how it runs.
 *
 * @param harness {@code input} or {@code output} for the built-in harness components, which run inside
 *        the gateway; null for a workload that the deploy-service starts
 * @param local how the {@code local} runtime starts it: a command run in {@code workdir} (the folder of
 *        the {@code component.yml}, filled in when it is published from a working directory)
 * @param fileSchema the file slots {@code add-file} binds, by slot name
 * @param dependsOn the serving services it needs; {@code change-service-config} overrides their config
 */
public record ComponentDescriptor(String name, String version, String description, List<Port> inputs,
        List<Port> outputs, Map<String, ConfigParam> configSchema, List<Endpoint> endpoints, String harness,
        String image, Local local, Map<String, FileSlot> fileSchema, List<Service> dependsOn, Resources resources) {

    public ComponentDescriptor {
        if (name == null || name.isBlank()) {
            throw new ManifestException("name", "a component name");
        }
        if (version == null || version.isBlank()) {
            throw new ManifestException("version", "a version string such as 0.1.0");
        }
        for (String[] key : new String[][] { { "name", name }, { "version", version } }) {
            if (key[1].length() > DocumentLimits.MAX_NAME_LENGTH) {
                throw new ManifestException(key[0], "at most " + DocumentLimits.MAX_NAME_LENGTH
                        + " characters (setting ppl.component.max-name-length), got " + key[1].length());
            }
        }
        int max = DocumentLimits.MAX_DESCRIPTOR_ENTRIES;
        String setting = "ppl.component.max-entries";
        DocumentLimits.atMost(inputs, max, "inputs", setting);
        DocumentLimits.atMost(outputs, max, "outputs", setting);
        DocumentLimits.atMost(configSchema, max, "config_schema", setting);
        DocumentLimits.atMost(endpoints, max, "endpoints", setting);
        DocumentLimits.atMost(fileSchema, max, "file_schema", setting);
        DocumentLimits.atMost(dependsOn, max, "depends_on", setting);
        // An entry written as null (YAML's `p:` with nothing after it) is refused here, not met as a null later on.
        noNullEntries(inputs, "inputs");
        noNullEntries(outputs, "outputs");
        noNullEntries(configSchema, "config_schema");
        noNullEntries(endpoints, "endpoints");
        noNullEntries(fileSchema, "file_schema");
        noNullEntries(dependsOn, "depends_on");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        configSchema = configSchema == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configSchema));
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        fileSchema = fileSchema == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fileSchema));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        resources = resources == null ? Resources.NONE : resources;
        if (harness != null && !harness.equals("input") && !harness.equals("output")) {
            throw new ManifestException("harness", "input or output, got '" + harness + "'");
        }
        if (harness == null && image == null && local == null) {
            throw new ManifestException("local", "local.command or image, so a runtime can start the component");
        }
    }

    private static void noNullEntries(Object entries, String field) {
        if (entries instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new ManifestException(field + "[" + i + "]", "an entry, not null");
                }
            }
        } else if (entries instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() == null) {
                    throw new ManifestException(field + "." + entry.getKey(), "an entry, not null");
                }
            }
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isHarness() {
        return harness != null;
    }

    /** @param type a pipelang type such as {@code String} or {@code [BoundingBox]} */
    public record Port(String name, String type) {
        public Port {
            if (type == null || type.isBlank()) {
                throw new ManifestException("inputs/outputs[].type", "a pipelang type");
            }
        }
    }

    /** @param defaultValue a pipelang literal, or null when the parameter has no default */
    public record ConfigParam(String type, @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
            boolean secret, String description) {
        public ConfigParam {
            if (type == null || type.isBlank()) {
                throw new ManifestException("config_schema[].type", "a pipelang type");
            }
        }
    }

    /** @param kind {@code http_post} (input harness) or {@code websocket} (output harness) */
    public record Endpoint(String name, String kind) {
    }

    /** @param types the file types the slot accepts, such as {@code onnx} or {@code image/png} */
    public record FileSlot(List<String> types, String description) {
        public FileSlot {
            if (types == null || types.isEmpty()) {
                throw new ManifestException("file_schema[].types", "a non-empty list of file types");
            }
            types = List.copyOf(types);
        }
    }

    /** @param config the service's default configuration, key to value */
    public record Service(String name, Map<String, String> config) {
        public Service {
            if (name == null || name.isBlank()) {
                throw new ManifestException("depends_on[].name", "a service name");
            }
            config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        }
    }

    public record Local(List<String> command, String workdir) {
        public Local {
            if (command == null || command.isEmpty()) {
                throw new ManifestException("local.command", "a non-empty command list");
            }
            command = List.copyOf(command);
        }
    }

    /**
     * What the component's container asks a Kubernetes runtime for; the runtime's defaults fill what is not
     * said. The local runtime runs processes without limits.
     *
     * @param cpu the CPU request, a Kubernetes quantity ({@code 500m}, {@code 2})
     * @param memory the memory request ({@code 256Mi}, {@code 1G})
     * @param cpuLimit the CPU limit
     * @param memoryLimit the memory limit
     * @param gpus whole GPUs the container needs
     */
    public record Resources(String cpu, String memory, String cpuLimit, String memoryLimit, int gpus) {

        public static final Resources NONE = new Resources(null, null, null, null, 0);

        private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

        public Resources {
            quantity("resources.cpu", cpu);
            quantity("resources.memory", memory);
            quantity("resources.cpu_limit", cpuLimit);
            quantity("resources.memory_limit", memoryLimit);
            if (gpus < 0) {
                throw new ManifestException("resources.gpus", "a number of whole GPUs, 0 or more");
            }
        }

        /**
         * A Kubernetes quantity as this record and the Kubernetes runtime accept it: {@code 500m}, {@code 2}, {@code 256Mi}.
         */
        public static boolean isQuantity(String value) {
            return QUANTITY.matcher(value).matches();
        }

        private static void quantity(String field, String value) {
            if (value != null && !isQuantity(value)) {
                throw new ManifestException(field, "a Kubernetes quantity such as 500m, 2, 256Mi or 1G, got '" + value + "'");
            }
        }
    }
}
