package dev.ppl.deploy.runtime;

import java.util.List;

/** A bean that makes runtimes from configuration, as many as are configured (the Kubernetes runtimes). */
public interface RuntimeDrivers {
    List<? extends RuntimeDriver> drivers();
}
