package dev.ppl.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the platform starts one service: its module, port and system properties. Built apart from the
 * code that starts processes, so what each service is told can be checked without starting anything.
 */
public record ServiceLaunch(String module, int port, Map<String, String> properties) {

    public static final List<String> MODULES = List.of("harness-gateway", "operations-service", "lease-service",
            "deploy-service");

    public static List<ServiceLaunch> all(PlatformSettings s, String kafkaBootstrap, int postgresPort, String token,
            String fileSigningKey) {
        String pg = "127.0.0.1:" + postgresPort + "/ppl";
        List<ServiceLaunch> launches = new ArrayList<>();
        for (String module : MODULES) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("quarkus.http.host", "127.0.0.1");
            p.put("quarkus.http.port", Integer.toString(s.port(module)));
            p.put("kafka.bootstrap.servers", kafkaBootstrap);
            p.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg);
            p.put("quarkus.datasource.reactive.url", "postgresql://" + pg);
            p.put("quarkus.datasource.username", "postgres");
            p.put("quarkus.datasource.password", "postgres");
            switch (module) {
                case "harness-gateway" -> {
                    p.put("ppl.gateway.operations-url", s.url("operations-service"));
                    p.put("ppl.gateway.lease-url", s.url("lease-service"));
                    p.put("ppl.gateway.deploy-url", s.url("deploy-service"));
                    p.put("ppl.gateway.public-url", s.url("harness-gateway"));
                    p.put("ppl.gateway.bootstrap-workspace", "default");
                    p.put("ppl.gateway.bootstrap-token", token);
                    p.put("ppl.gateway.file-signing-key", fileSigningKey);
                }
                case "lease-service" -> {
                    p.put("ppl.lease.operations-url", s.url("operations-service"));
                    p.put("ppl.lease.deploy-url", s.url("deploy-service"));
                    p.put("ppl.lease.default-runtime", "local");
                }
                case "deploy-service" -> {
                    p.put("ppl.deploy.operations-url", s.url("operations-service"));
                    p.put("ppl.deploy.lease-url", s.url("lease-service"));
                    p.put("ppl.deploy.data-dir", s.dataDir().resolve("deploy").toString());
                    p.put("ppl.deploy.gateway-url", s.url("harness-gateway"));
                    p.put("ppl.deploy.file-signing-key", fileSigningKey);
                }
                default -> {
                }
            }
            launches.add(new ServiceLaunch(module, s.port(module), p));
        }
        return launches;
    }

    public Path jar(Path repo) {
        return repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The operations-service folds and projects every event of the log (a rebuild replays all of it) and
     * gets the optimising JIT; the others stop at C1, which starts faster and spends less of a small
     * machine's CPU on compiling.
     */
    static final List<String> HOT_PATH = List.of("operations-service");

    public List<String> command(String java, Path repo) {
        List<String> command = new ArrayList<>(List.of(java, "-Xss512k", "-XX:+UseSerialGC"));
        if (!HOT_PATH.contains(module)) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-Xmx384m");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar(repo).toString());
        return command;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
