package dev.ppl.local.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from embedded binaries. Its data directory is kept between starts, so a
 * restart keeps every schema and row; the services each own one schema of database {@code ppl}.
 */
public final class Postgres implements AutoCloseable {
    public static final String DATABASE = "ppl";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dir;
    private final Path binaries;
    private final int port;
    /** Replaced by {@link #startAgain()}: an embedded server does not start again once closed. */
    private volatile EmbeddedPostgres server;

    private Postgres(Path dir, Path binaries, int port, EmbeddedPostgres server) {
        this.dir = dir;
        this.binaries = binaries;
        this.port = port;
        this.server = server;
    }

    /**
     * Starts the server on the data directory {@code dir}, initialising it on first use. The binaries are
     * unpacked once into {@code binaries}, which several servers (and JVMs) may share.
     */
    public static Postgres start(Path dir, int port, Path binaries) {
        Postgres postgres = new Postgres(dir, binaries, port, launch(dir, port, binaries));
        postgres.createDatabase();
        return postgres;
    }

    private static EmbeddedPostgres launch(Path dir, int port, Path binaries) {
        try {
            Files.createDirectories(binaries);
            Path sockets = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-sockets"));
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Whoever started it stops it, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("unix_socket_directories", sockets.toString())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting PostgreSQL in " + dir + " failed", e);
        }
    }

    private void createDatabase() {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + DATABASE + " failed", e);
        }
    }

    /**
     * Stops the server, as an outage would: open connections are closed and new ones refused until
     * {@link #startAgain()} brings it back on the same port with the same data.
     */
    public void stopInPlace() {
        stop();
    }

    /** Starts the server stopped by {@link #stopInPlace()} again, on the same port and data directory. */
    public void startAgain() {
        server = launch(dir, port, binaries);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
