package dev.ppl.local;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-platform/target/local-platform.jar run [--ppl-home H] [--data-dir D]
 * [--port-base B] [--repo R]}: runs the local platform in the foreground until SIGTERM. {@code ppl local
 * up} starts it in the background; {@code ppl local down} sends the SIGTERM.
 */
public final class LocalPlatformMain {
    private LocalPlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        PlatformSettings settings;
        try {
            settings = PlatformSettings.parse(args, Path.of(System.getProperty("user.home"), ".ppl"), defaultRepo());
        } catch (IllegalArgumentException e) {
            System.err.println("local-platform: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform = new LocalPlatform(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "local-platform-stop"));
        try {
            platform.start();
        } catch (Exception e) {
            LocalPlatform.log("failed to start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** The repository root: this jar is {@code <repo>/local-platform/target/local-platform.jar}. */
    private static Path defaultRepo() throws URISyntaxException {
        Path jar = Path.of(LocalPlatformMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent();
    }
}
