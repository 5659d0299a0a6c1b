package dev.ppl.deploy.kubernetes;

import java.math.BigDecimal;

import dev.ppl.contracts.component.ComponentDescriptor;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What one container asks the scheduler for. Each CPU and memory value is a Kubernetes quantity
 * ({@code 500m}, {@code 2}, {@code 256Mi}, {@code 1G}) or null for "not said"; a request may not exceed
 * its limit, as the API server would refuse it. GPUs are whole devices, given as the
 * {@value #GPU_RESOURCE} limit (Kubernetes takes an extended resource's request from its limit).
 */
public record ContainerResources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit,
        int gpus) {

    /** The extended resource the NVIDIA device plugin advertises. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    public static final ContainerResources NONE = new ContainerResources(null, null, null, null, 0);

    public ContainerResources {
        requireQuantity("cpu_request", cpuRequest);
        requireQuantity("cpu_limit", cpuLimit);
        requireQuantity("memory_request", memoryRequest);
        requireQuantity("memory_limit", memoryLimit);
        requireWithin("cpu", cpuRequest, cpuLimit);
        requireWithin("memory", memoryRequest, memoryLimit);
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus: a number of GPUs, 0 or more, got " + gpus);
        }
    }

    /**
     * These resources where they say something, the defaults where they do not. When a value of this
     * container and a default of the other end of the range disagree (a request above the default limit,
     * a limit below the default request), the container's value wins and the default moves to it: the
     * runtime's defaults are a fallback, not a cap.
     */
    public ContainerResources over(ContainerResources defaults) {
        String[] cpu = merged(cpuRequest, cpuLimit, defaults.cpuRequest, defaults.cpuLimit);
        String[] memory = merged(memoryRequest, memoryLimit, defaults.memoryRequest, defaults.memoryLimit);
        return new ContainerResources(cpu[0], cpu[1], memory[0], memory[1], gpus > 0 ? gpus : defaults.gpus);
    }

    private static String[] merged(String ownRequest, String ownLimit, String defaultRequest, String defaultLimit) {
        String request = ownRequest != null ? ownRequest : defaultRequest;
        String limit = ownLimit != null ? ownLimit : defaultLimit;
        if (request != null && limit != null && amount(request).compareTo(amount(limit)) > 0) {
            if (ownLimit == null) {
                limit = request;
            } else {
                request = limit;
            }
        }
        return new String[] { request, limit };
    }

    private static void requireQuantity(String field, String value) {
        if (value != null && !ComponentDescriptor.Resources.isQuantity(value)) {
            throw new IllegalArgumentException(
                    field + ": a Kubernetes quantity such as 500m, 2, 256Mi or 1G, got '" + value + "'");
        }
    }

    private static void requireWithin(String resource, String request, String limit) {
        if (request != null && limit != null && amount(request).compareTo(amount(limit)) > 0) {
            throw new IllegalArgumentException(
                    resource + "_request: at most the " + resource + " limit " + limit + ", got " + request);
        }
    }

    private static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }
}
