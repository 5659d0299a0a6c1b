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

    private final EmbeddedPostgres server;
    private final int port;

    private Postgres(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the server on the data directory {@code dir}, initialising it on first use. The binaries are
     * unpacked once into {@code binaries}, which several servers (and JVMs) may share.
     */
    public static Postgres start(Path dir, int port, Path binaries) {
        try {
            Files.createDirectories(binaries);
            Path sockets = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-sockets"));
            EmbeddedPostgres server = EmbeddedPostgres.builder()
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
            Postgres postgres = new Postgres(server, port);
            postgres.createDatabase();
            return postgres;
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
