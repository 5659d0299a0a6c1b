package dev.ppl.lease.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls of the lease-service's internal API, as one workspace. */
public final class Leases {
    private Leases() {
    }

    public static ValidatableResponse open(String workspace, Map<String, ?> body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/internal/leases").then();
    }

    public static String openId(String workspace, Map<String, ?> body) {
        return open(workspace, body).statusCode(201).extract().path("lease_id");
    }

    public static ValidatableResponse get(String workspace, String leaseId) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId).then();
    }

    public static ValidatableResponse rollback(String workspace, String leaseId) {
        return given().header("X-Ppl-Workspace", workspace).post("/internal/leases/" + leaseId + "/rollback").then();
    }

    public static ValidatableResponse promote(String workspace, String leaseId, String kind, String id) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "id", id)).post("/internal/leases/" + leaseId + "/promote").then();
    }

    public static ValidatableResponse post(String workspace, String path, Map<String, ?> body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/internal/leases" + path).then();
    }

    public static ValidatableResponse commit(String workspace, String leaseId) {
        return given().header("X-Ppl-Workspace", workspace).post("/internal/leases/" + leaseId + "/commit").then();
    }
}
