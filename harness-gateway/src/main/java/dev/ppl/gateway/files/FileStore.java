package dev.ppl.gateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.service.web.InvalidInputException;

/**
 * The bytes of uploads, in PostgreSQL as chunks of {@link #CHUNK} bytes ({@code file_chunks}), written and read
 * one chunk at a time over JDBC: an upload is streamed to storage as it arrives and a download as it is read, so
 * neither is ever held whole. Hibernate Reactive has no streaming of a large column; plain JDBC on the worker
 * thread the upload already runs on does.
 */
@ApplicationScoped
public class FileStore {
    static final int CHUNK = 1 << 20;

    private final DataSource db;

    public FileStore(DataSource db) {
        this.db = db;
    }

    /**
     * Writes the upload's row and its bytes in one transaction and sets its size; a body that fails part-way (over
     * its limit, cut off, empty) rolls back and leaves nothing behind.
     */
    void insert(FileEntity file, InputStream content) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement row = c.prepareStatement("INSERT INTO gateway.files (id, workspace_id, name, "
                        + "media_type, size, lease_id, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
                    row.setString(1, file.id);
                    row.setString(2, file.workspaceId);
                    row.setString(3, file.name);
                    row.setString(4, file.mediaType);
                    row.setString(5, file.leaseId);
                    row.setTimestamp(6, Timestamp.from(file.createdAt));
                    row.executeUpdate();
                }
                long size = 0;
                try (PreparedStatement chunk = c.prepareStatement(
                        "INSERT INTO gateway.file_chunks (file_id, seq, bytes) VALUES (?, ?, ?)")) {
                    byte[] buffer = new byte[CHUNK];
                    int seq = 0;
                    int n;
                    while ((n = content.readNBytes(buffer, 0, CHUNK)) > 0) {
                        chunk.setString(1, file.id);
                        chunk.setInt(2, seq++);
                        chunk.setBytes(3, n == CHUNK ? buffer : Arrays.copyOf(buffer, n));
                        chunk.executeUpdate();
                        size += n;
                    }
                }
                if (size == 0) {
                    throw new InvalidInputException("body", "the file's bytes (the body is empty)");
                }
                try (PreparedStatement sized = c.prepareStatement("UPDATE gateway.files SET size = ? WHERE id = ?")) {
                    sized.setLong(1, size);
                    sized.setString(2, file.id);
                    sized.executeUpdate();
                }
                c.commit();
                file.size = size;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing the upload failed", e);
        } catch (IOException e) {
            // The client went away or broke off mid-body: nothing was kept, and there is rarely anyone left to answer.
            throw new InvalidInputException("body", "the file's bytes", "the upload's body ended early: " + e.getMessage());
        }
    }

    /** Writes an upload's bytes to {@code out} chunk by chunk, read through a cursor one row at a time. */
    public void copy(String fileId, OutputStream out) throws IOException {
        try (Connection c = db.getConnection()) {
            // A cursor (a fetch size) needs a transaction in the PostgreSQL driver; otherwise every row is read at once.
            c.setAutoCommit(false);
            try (PreparedStatement chunks = c.prepareStatement(
                    "SELECT bytes FROM gateway.file_chunks WHERE file_id = ? ORDER BY seq")) {
                chunks.setFetchSize(1);
                chunks.setString(1, fileId);
                try (ResultSet rows = chunks.executeQuery()) {
                    while (rows.next()) {
                        out.write(rows.getBytes(1));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("reading file " + fileId + " failed", e);
        }
    }
}
