package dev.ppl.gateway.leases;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.files.FileService;
import dev.ppl.gateway.files.FileView;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.limits.BodyLimits;
import dev.ppl.gateway.limits.BoundedInputStream;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;

/**
 * {@code ppl lease collect-outputs}: the output files a lease's live test declared ({@code output_files} of its
 * manifest, as the lease-service recorded them) are read from the deploy-service, stored as files of the
 * workspace stamped with the lease (this service owns files), and promoted out of it, so they outlive the
 * lease's rollback. An output the component has not written (yet) is reported as missing, not as a failure of
 * the others. Each output is streamed from the deploy-service into storage as it arrives, never held whole, and is
 * bounded as an upload is ({@code ppl.gateway.limits.upload-body}): a larger one is reported missing with the limit.
 */
@ApplicationScoped
public class OutputCollector {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final InternalClient leases;
    private final InternalClient deploy;
    private final FileService files;
    private final long maxOutputBytes;

    public OutputCollector(Services services, FileService files, GatewayConfig config) {
        this.leases = services.leases();
        this.deploy = services.deploy();
        this.files = files;
        this.maxOutputBytes = config.limits().uploadBody().asLongValue();
    }

    public Map<String, Object> collect(Caller caller, String leaseId) {
        String lease = "/internal/leases/" + InternalClient.segment(leaseId);
        JsonNode found = leases.get(caller.workspaceId(), caller.actor(), caller.surface(), lease);
        if (!found.path("state").asText().equals("open")) {
            throw new ProblemException(409, "Conflict", "lease '" + leaseId + "' is " + found.path("state").asText()
                    + "; outputs are collected from an open lease (its deployment is gone once it closes)", "lease_id",
                    OpenLeases.EXPECTED);
        }
        List<Map<String, Object>> collected = new ArrayList<>();
        List<Map<String, Object>> missing = new ArrayList<>();
        for (JsonNode output : leases.get(caller.workspaceId(), caller.actor(), caller.surface(), lease + "/outputs")
                .path("items")) {
            String name = output.path("name").asText();
            String key = output.path("key").asText();
            String mediaType = URLConnection.guessContentTypeFromName(key);
            if (mediaType == null && key.endsWith(".json")) {
                mediaType = "application/json";
            }
            FileView file;
            String error;
            try (InputStream content = open(caller, output.path("deployment_id").asText(),
                    output.path("vertex_id").asText(), key)) {
                file = files.store(caller, name, mediaType, leaseId,
                        new BoundedInputStream(content, maxOutputBytes, BodyLimits.RouteClass.UPLOAD.setting));
                error = null;
            } catch (ProblemException e) {
                file = null;
                error = e.getMessage();
            } catch (IOException e) {
                file = null;
                error = "reading it from the deploy-service failed: " + e.getMessage();
            }
            if (file == null) {
                Map<String, Object> absent = new LinkedHashMap<>();
                absent.put("name", name);
                absent.put("vertex", output.path("vertex").asText());
                absent.put("key", key);
                absent.put("error", error);
                missing.add(absent);
                continue;
            }
            leases.post(caller.workspaceId(), caller.actor(), caller.surface(), lease + "/promote",
                    Map.of("kind", "file", "id", file.fileId()));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            item.put("vertex", output.path("vertex").asText());
            item.put("key", key);
            item.put("file_id", file.fileId());
            item.put("size", file.size());
            collected.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("lease_id", leaseId);
        answer.put("count", collected.size());
        answer.put("items", collected);
        answer.put("missing", missing);
        return answer;
    }

    /** The output's bytes as the deploy-service sends them; a refusal becomes its problem. */
    private InputStream open(Caller caller, String deploymentId, String vertexId, String key) {
        String path = "/internal/deployments/" + InternalClient.segment(deploymentId) + "/outputs/"
                + InternalClient.segment(vertexId) + "/" + key;
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(deploy.request(caller.workspaceId(), caller.actor(), caller.surface(), path).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProblemException(503, "Service unavailable", "the deploy-service cannot be reached: " + e, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted calling the deploy-service", null, null);
        }
        if (response.statusCode() >= 400) {
            throw InternalClient.refusal("deploy-service", response.statusCode(), response.body());
        }
        return response.body();
    }
}
