package dev.ppl.gateway.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.leases.OpenLeases;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ResourceNotFoundException;

/**
 * Files of a workspace (fixtures, outputs), stamped with their lease at create time. A file either holds its
 * bytes (an upload, streamed into {@link FileStore}) or is a link to content stored elsewhere ({@code source_uri}).
 */
@ApplicationScoped
public class FileService {
    /** The URI schemes each {@code source_kind} accepts. */
    static final Map<String, Set<String>> SCHEMES = Map.of("http", Set.of("http", "https"), "s3", Set.of("s3"), "gs",
            Set.of("gs"), "local", Set.of("file"));
    static final String KINDS = "one of http, s3, gs, local";
    /**
     * What a link's bytes are, as far as the gateway knows: it never reads them. The stored event needs a media
     * type; consumers of a link go by its {@code file_type}.
     */
    static final String LINK_MEDIA_TYPE = "application/octet-stream";
    /**
     * The most files a lease's release record lists: it is one Kafka record, and this many entries stay well under
     * its default 1 MiB. The lease-service completes the rollback on the record, not on its list.
     */
    static final int RELEASED_LISTED = 1000;

    private final EventPublisher events;
    private final OpenLeases leases;
    private final FileStore store;
    private final int cleanupBatch;

    public FileService(EventPublisher events, OpenLeases leases, FileStore store, GatewayConfig config) {
        this.events = events;
        this.leases = leases;
        this.store = store;
        this.cleanupBatch = config.limits().leaseCleanupBatch();
    }

    public FileView store(Caller caller, String name, String mediaType, String leaseId, byte[] content) {
        return store(caller, name, mediaType, leaseId, new ByteArrayInputStream(content == null ? new byte[0] : content));
    }

    /**
     * An upload, streamed into storage as {@code content} is read. The name and the lease are checked before a byte
     * is read; a body refused part-way (over its limit, empty) leaves no row and no event.
     */
    public FileView store(Caller caller, String name, String mediaType, String leaseId, InputStream content) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "a file name, as the query parameter ?name=");
        }
        FileEntity file = new FileEntity();
        file.name = name;
        file.mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
        stamp(caller, file, leaseId);
        store.insert(file, content);
        return published(file);
    }

    /** A file row that references content elsewhere: {@code {source_uri, source_kind, file_type, lease_id?, name?}}. */
    public FileView link(Caller caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{source_uri, source_kind, file_type, lease_id?, name?}");
        }
        String kind = text(body, "source_kind", KINDS);
        if (kind == null || !SCHEMES.containsKey(kind)) {
            throw new InvalidInputException("source_kind", KINDS,
                    "source_kind: expected " + KINDS + ", was " + (kind == null ? "missing" : "'" + kind + "'"));
        }
        URI uri = sourceUri(text(body, "source_uri", "an absolute URI"), kind);
        String fileType = text(body, "file_type", "a pipelang file type such as File, Image or onnx");
        if (fileType == null || fileType.isBlank()) {
            throw new InvalidInputException("file_type", "a pipelang file type such as File, Image or onnx");
        }
        String name = text(body, "name", "a file name");
        FileEntity file = new FileEntity();
        file.name = name == null || name.isBlank() ? defaultName(uri) : name;
        file.mediaType = LINK_MEDIA_TYPE;
        file.sourceUri = uri.toString();
        file.sourceKind = kind;
        file.fileType = fileType.strip();
        return save(caller, file, text(body, "lease_id", OpenLeases.EXPECTED));
    }

    public FileEntity get(String workspaceId, String fileId) {
        FileEntity file = Db.tx(() -> FileEntity.<FileEntity> findById(fileId));
        if (file == null || !file.workspaceId.equals(workspaceId)) {
            throw new ResourceNotFoundException("file", fileId);
        }
        return file;
    }

    /** Takes one file ({@code fileId}) or all of a lease's (null) out of the lease, so its close keeps them. */
    public void keepLeaseFiles(String leaseId, String fileId) {
        if (fileId == null) {
            Db.tx(() -> FileEntity.update("leaseId = null where leaseId = ?1", leaseId));
        } else {
            Db.tx(() -> FileEntity.update("leaseId = null where leaseId = ?1 and id = ?2", leaseId, fileId));
        }
    }

    /**
     * Deletes the files a lease owns (a link's row, never the content it points at; an upload's chunks go with its
     * row), {@code ppl.gateway.limits.lease-cleanup-batch} rows a transaction, so a lease with any number of files is
     * never read whole. Each deleted file has its {@code file.deleted} event; the answer, which becomes the one
     * release record of the lease, names the first {@link #RELEASED_LISTED} of them.
     */
    public List<OwnedResource> deleteLeaseFiles(String leaseId) {
        List<OwnedResource> released = new ArrayList<>();
        List<String> batch;
        do {
            batch = Db.tx(() -> FileEntity.<FileEntity> find("leaseId", leaseId).page(0, cleanupBatch).list()).stream()
                    .map(f -> f.id).toList();
            List<String> ids = batch;
            if (!ids.isEmpty()) {
                Db.tx(() -> FileEntity.delete("id in ?1", ids));
            }
            for (String id : ids) {
                events.publish(Topics.GATEWAY_EVENTS, id, new FileDeleted(id, leaseId, "lease_rolled_back", Instant.now()));
                if (released.size() < RELEASED_LISTED) {
                    released.add(new OwnedResource("file", id));
                }
            }
        } while (batch.size() == cleanupBatch);
        return released;
    }

    /** Checks the lease last, once the input is known good, so a refusal of either kind writes nothing. */
    private FileView save(Caller caller, FileEntity file, String leaseId) {
        stamp(caller, file, leaseId);
        Db.tx(file::persist);
        return published(file);
    }

    /** The lease (which must be open), id, workspace and time of a file about to be written. */
    private void stamp(Caller caller, FileEntity file, String leaseId) {
        file.leaseId = leaseId == null || leaseId.isBlank() ? null : leaseId;
        if (file.leaseId != null) {
            leases.requireOpen(caller, file.leaseId);
        }
        file.id = Ids.next(Ids.FILE);
        file.workspaceId = caller.workspaceId();
        file.createdAt = Instant.now();
    }

    private FileView published(FileEntity file) {
        // The lease-service learns from this event that the lease owns the file.
        events.publish(Topics.GATEWAY_EVENTS, file.id, new FileStored(file.id, file.workspaceId, file.name, file.mediaType,
                file.size == null ? 0 : file.size, file.leaseId, file.createdAt));
        return FileView.of(file);
    }

    private static String text(JsonNode body, String field, String expected) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, expected, field + ": expected a string, " + expected);
        }
        return value.asText();
    }

    private static URI sourceUri(String text, String kind) {
        String expected = "an absolute URI with scheme " + String.join(" or ", SCHEMES.get(kind).stream().sorted().toList())
                + " (source_kind " + kind + ")";
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("source_uri", expected);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("source_uri", expected, "source_uri: expected " + expected + ", '" + text
                    + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque() || !SCHEMES.get(kind).contains(scheme)) {
            throw new InvalidInputException("source_uri", expected, "source_uri: expected " + expected + ", was '" + text
                    + "'");
        }
        boolean located = kind.equals("local") ? uri.getPath() != null && uri.getPath().startsWith("/")
                : uri.getAuthority() != null && !uri.getAuthority().isBlank();
        if (!located) {
            throw new InvalidInputException("source_uri", expected, "source_uri: '" + text + "' names no "
                    + (kind.equals("local") ? "absolute path" : "host or bucket") + "; expected " + expected);
        }
        return uri;
    }

    /** The last segment of the URI's path, which is what the content is usually called; the URI if there is none. */
    private static String defaultName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? uri.toString() : last;
    }
}
