package dev.ppl.lease.ownership;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.lease.lease.LeaseRepository;
import dev.ppl.service.persistence.Db;

/**
 * Learns what each lease owns from the owners' own events (rows are stamped with their lease when they
 * are created, never moved in later) and which owners have released a closed lease. Recording is
 * idempotent, so redelivery after a crash changes nothing.
 */
@ApplicationScoped
public class OwnershipProjector {
    private static final Logger LOG = Logger.getLogger(OwnershipProjector.class);

    private final OwnershipRepository ownership;
    private final LeaseRepository leases;

    public OwnershipProjector(OwnershipRepository ownership, LeaseRepository leases) {
        this.ownership = ownership;
        this.leases = leases;
    }

    /** Records the event if it is a lease-stamped create or a release; anything else is not ownership. */
    public void project(Message event) {
        if (event instanceof ComponentVersionPublished v) {
            owned(v.leaseId(), "version", v.versionId(), "operations", v.publishedAt());
        } else if (event instanceof BackendCreated b) {
            owned(b.leaseId(), "backend", b.backendId(), "operations", b.recordedAt());
        } else if (event instanceof DeploymentStarted d) {
            owned(d.leaseId(), "deployment", d.deploymentId(), "deploy", d.startedAt());
        } else if (event instanceof FileStored f) {
            owned(f.leaseId(), "file", f.fileId(), "gateway", f.storedAt());
        } else if (event instanceof LeaseResourcesReleased r) {
            released(r);
        }
    }

    private void owned(String leaseId, String kind, String id, String owner, Instant at) {
        if (leaseId != null) {
            Db.tx(() -> ownership.recordResource(leaseId, kind, id, owner, at));
        }
    }

    private void released(LeaseResourcesReleased released) {
        int completed = Db.tx(() -> ownership.recordRelease(released.leaseId(), released.owner(), released.releasedAt())
                .chain(() -> leases.completeRollbackIfReleased(released.leaseId())));
        if (completed > 0) {
            LOG.infof("lease %s rolled back: every owner released it", released.leaseId());
        }
    }
}
