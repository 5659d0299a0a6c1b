package dev.ppl.local;

import java.nio.file.Path;

/**
 * Where the local platform keeps its data and which ports it uses: the gateway on the port base, the
 * other services, PostgreSQL and Kafka (and its controller) on the next six.
 */
public record PlatformSettings(Path pplHome, Path dataDir, int portBase, Path repo) {

    public static final int DEFAULT_PORT_BASE = 18080;

    public PlatformSettings {
        if (portBase < 1024 || portBase > 65528) {
            throw new IllegalArgumentException("--port-base must be between 1024 and 65528, was " + portBase);
        }
    }

    public int port(String module) {
        return portBase + ServiceLaunch.MODULES.indexOf(module);
    }

    public String url(String module) {
        return "http://127.0.0.1:" + port(module);
    }

    public int postgresPort() {
        return portBase + 4;
    }

    public int kafkaPort() {
        return portBase + 5;
    }

    public int kafkaControllerPort() {
        return portBase + 6;
    }

    /** Parses {@code run [--ppl-home H] [--data-dir D] [--port-base B] [--repo R]}. */
    public static PlatformSettings parse(String[] args, Path defaultHome, Path defaultRepo) {
        if (args.length == 0 || !args[0].equals("run")) {
            throw new IllegalArgumentException("usage: run [--ppl-home H] [--data-dir D] [--port-base B] [--repo R]");
        }
        Path home = defaultHome;
        Path data = null;
        int base = DEFAULT_PORT_BASE;
        Path repo = defaultRepo;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--ppl-home" -> home = Path.of(value);
                case "--data-dir" -> data = Path.of(value);
                case "--port-base" -> {
                    try {
                        base = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port-base must be a number, was '" + value + "'");
                    }
                }
                case "--repo" -> repo = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        home = home.toAbsolutePath().normalize();
        return new PlatformSettings(home, (data == null ? home.resolve("local") : data).toAbsolutePath().normalize(), base,
                repo.toAbsolutePath().normalize());
    }
}
