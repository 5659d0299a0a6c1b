package dev.ppl.gateway.files;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ResourceNotFoundException;

/** Files of a workspace (fixtures, outputs), stamped with their lease at create time. */
@ApplicationScoped
public class FileService {
    private final EventPublisher events;

    public FileService(EventPublisher events) {
        this.events = events;
    }

    public FileView store(String workspaceId, String name, String mediaType, String leaseId, byte[] content) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "a file name, as the query parameter ?name=");
        }
        if (content == null || content.length == 0) {
            throw new InvalidInputException("body", "the file's bytes (the body is empty)");
        }
        FileEntity file = new FileEntity();
        file.id = Ids.next(Ids.FILE);
        file.workspaceId = workspaceId;
        file.name = name;
        file.mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
        file.size = content.length;
        file.leaseId = leaseId == null || leaseId.isBlank() ? null : leaseId;
        file.content = content;
        file.createdAt = Instant.now();
        Db.tx(file::persist);
        events.publish(Topics.GATEWAY_EVENTS, file.id, new FileStored(file.id, workspaceId, name, file.mediaType, file.size,
                file.leaseId, file.createdAt));
        return FileView.of(file);
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

    /** Deletes the files a lease owns; answers what it deleted. */
    public List<OwnedResource> deleteLeaseFiles(String leaseId) {
        List<String> ids = Db.tx(() -> FileEntity.<FileEntity> list("leaseId", leaseId)).stream().map(f -> f.id).toList();
        for (String id : ids) {
            Db.tx(() -> FileEntity.deleteById(id));
            events.publish(Topics.GATEWAY_EVENTS, id, new FileDeleted(id, leaseId, "lease_rolled_back", Instant.now()));
        }
        return ids.stream().map(id -> new OwnedResource("file", id)).toList();
    }
}
