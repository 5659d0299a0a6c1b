package dev.ppl.bench;

/** The command line of {@link OperationsBenchmark}; every size has the default the published figures use. */
final class Options {
    static final String USAGE = """
            usage: java -jar benchmarks/target/ppl-benchmarks.jar [options]
              where the platform is (default: $PPL_HOME or ~/.ppl, its config.json and local/platform.json):
                --ppl-home H          the CLI home holding config.json (gateway URL, token)
                --data-dir D          the platform's data dir holding platform.json (default: H/local)
                --gateway URL         the gateway (default: config.json gateway_url)
                --token T             the workspace bearer token (default: config.json token)
                --operations-url URL  the operations-service (default: platform.json services.operations-service.url)
                --kafka HOST:PORT     the broker (default: platform.json kafka_bootstrap)
              sizes:
                --warmup N            single operations before the measured ones, in each phase (default 200)
                --warmup-seconds N    the warm-up between the cold and the warm measurements: the same paths,
                                      single operations, patches (a tenth of --patch-size) and one rebuild
                                      (default 60; 0: cold only)
                --ops N               measured single operations (default 2000)
                --patches N           measured patches (default 10)
                --patch-size N        operations per patch (default 1000)
                --rebuild-ops N       operations in the rebuild backend (default 100000)
                --grow-patch N        operations per patch while growing it (default 5000)
                --no-direct           skip the breakdown rows that call the operations-service directly
                --no-rebuild          skip the rebuild part
            """;

    String pplHome;
    String dataDir;
    String gateway;
    String token;
    String operations;
    String kafka;
    int warmup = 200;
    int warmupSeconds = 60;
    int ops = 2000;
    int patches = 10;
    int patchSize = 1000;
    int rebuildOps = 100_000;
    int growPatch = 5000;
    boolean direct = true;
    boolean rebuild = true;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                case "--no-direct" -> o.direct = false;
                case "--no-rebuild" -> o.rebuild = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--ppl-home" -> o.pplHome = v;
                        case "--data-dir" -> o.dataDir = v;
                        case "--gateway" -> o.gateway = v;
                        case "--token" -> o.token = v;
                        case "--operations-url" -> o.operations = v;
                        case "--kafka" -> o.kafka = v;
                        case "--warmup" -> o.warmup = count(a, v, 0);
                        case "--warmup-seconds" -> o.warmupSeconds = count(a, v, 0);
                        case "--ops" -> o.ops = count(a, v, 1);
                        case "--patches" -> o.patches = count(a, v, 1);
                        case "--patch-size" -> o.patchSize = count(a, v, 1);
                        case "--rebuild-ops" -> o.rebuildOps = count(a, v, 2);
                        case "--grow-patch" -> o.growPatch = count(a, v, 1);
                        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                }
            }
        }
        return o;
    }

    private static int count(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a whole number >= " + min + ", was '" + value + "'");
    }
}
