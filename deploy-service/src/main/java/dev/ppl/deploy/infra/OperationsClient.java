package dev.ppl.deploy.infra;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The operations-service's graph of a backend, as of its current sequence number. */
@RegisterRestClient(configKey = "operations")
@Path("/internal/backends")
public interface OperationsClient {
    @GET
    @Path("/{id}")
    JsonNode graph(@PathParam("id") String backendId, @HeaderParam("X-Ppl-Workspace") String workspaceId);
}
