package dev.ppl.lease.outputs;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.manifest.LiveTestManifest;
import dev.ppl.service.persistence.Db;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Where each lease's live-test output files are, recorded when its deployment starts. */
@ApplicationScoped
public class LeaseOutputs {

    /** Records the manifest's output files of a run, with the vertex ids and the deployment it got. */
    public void record(String leaseId, List<LiveTestManifest.OutputFile> files, Map<String, String> vertexIds,
            String deploymentId) {
        if (files.isEmpty()) {
            return;
        }
        Db.tx(() -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (LiveTestManifest.OutputFile f : files) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into {h-schema}lease_outputs (lease_id, name, vertex, vertex_id, file_key, deployment_id)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (lease_id, name) do update set"
                                + " vertex = excluded.vertex, vertex_id = excluded.vertex_id, file_key = excluded.file_key,"
                                + " deployment_id = excluded.deployment_id")
                        .setParameter(1, leaseId).setParameter(2, f.name()).setParameter(3, f.vertex())
                        .setParameter(4, vertexIds.get(f.vertex())).setParameter(5, f.key())
                        .setParameter(6, deploymentId).executeUpdate()));
            }
            return chain;
        });
    }

    public List<LeaseOutputEntity> of(String leaseId) {
        return Db.tx(() -> LeaseOutputEntity.<LeaseOutputEntity> list("leaseId = ?1 order by name", leaseId));
    }
}
