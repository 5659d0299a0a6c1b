package dev.ppl.gateway.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ppl.gateway.backends.EchoOperationsService;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The catalog routes' perimeter and pass-through, against {@link EchoOperationsService}; Kafka and PostgreSQL real. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EchoOperationsService.class, restrictToAnnotatedClass = true)
class CatalogApiTest {
    private static final String TOKEN = "pt_gatewaytesttoken";

    @ParameterizedTest
    @CsvSource({ "GET, /v1/components", "GET, /v1/components/cp_1/versions", "POST, /v1/components/versions" })
    void everyCatalogRouteNeedsAValidToken(String method, String path) {
        given().contentType("application/json").body("{}").request(method, path).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("pt_notatoken").contentType("application/json").body("{}").request(method, path).then()
                .statusCode(401);
    }

    @Test
    void theListPassesQueryOffsetAndLimitOn() {
        given().auth().oauth2(TOKEN).queryParam("query", "Input JSON").queryParam("offset", 20).queryParam("limit", 20)
                .get("/v1/components").then().statusCode(200)
                .body("path", equalTo("/internal/components"))
                .body("query", equalTo("query=Input+JSON&offset=20&limit=20"));
        given().auth().oauth2(TOKEN).queryParam("offset", "-3").get("/v1/components").then().statusCode(400)
                .body("field", equalTo("offset"));
    }

    @Test
    void versionsIsABareArray() {
        given().auth().oauth2(TOKEN).get("/v1/components/cp_1/versions").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].path", equalTo("/internal/components/cp_1/versions"));
    }
}
