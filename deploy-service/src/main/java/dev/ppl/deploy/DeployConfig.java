package dev.ppl.deploy;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "ppl.deploy")
public interface DeployConfig {
    /** The operations-service, for the graph a deployment pins. */
    String operationsUrl();

    /** Logs and pid files of the local runtime's processes. */
    Path dataDir();
}
