package dev.ppl.gateway.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.service.files.SignedFileUrls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code /files/{id}/content} with a signed URL instead of a token, as a runtime fetches a bound file: the
 * bytes of an upload, a redirect for an http link, and a refusal for anything not signed for exactly that
 * file, workspace and time.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class SignedFileContentTest {
    private static final String TOKEN = "pt_gatewaytesttoken";
    private static final SignedFileUrls URLS = new SignedFileUrls("gateway-test-file-signing-key");

    @Inject
    Workspaces workspaces;

    @Test
    void aSignedUrlServesTheUploadsBytesWithoutAToken() {
        String fileId = upload("weights");

        fetch(URLS.url("http://gateway", workspace(), fileId, Instant.now().plusSeconds(60))).statusCode(200)
                .contentType("application/octet-stream").body(equalTo("weights"));
    }

    @Test
    void aSignedUrlOfAnHttpLinkRedirectsToItsSourceAndOfAnS3LinkIsAConflict() {
        String http = link("https://models.example.com/v1/weights.onnx", "http");
        String s3 = link("s3://models/weights.onnx", "s3");

        fetch(URLS.url("http://gateway", workspace(), http, Instant.now().plusSeconds(60))).statusCode(307)
                .header("Location", "https://models.example.com/v1/weights.onnx");
        fetch(URLS.url("http://gateway", workspace(), s3, Instant.now().plusSeconds(60))).statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("source_uri"));
    }

    @Test
    void aTamperedExpiredOrForeignUrlIsRefusedNamingWhatIsWrong() {
        String fileId = upload("secret weights");
        String workspace = workspace();
        URI good = URLS.url("http://gateway", workspace, fileId, Instant.now().plusSeconds(60));

        fetch(URI.create(good.toString().replaceAll("signature=[^&]+", "signature=AAAA"))).statusCode(403)
                .contentType("application/problem+json").body("field", equalTo("signature"));
        fetch(URLS.url("http://gateway", workspace, fileId, Instant.now().minusSeconds(1))).statusCode(403)
                .body("field", equalTo("signature"));
        fetch(new SignedFileUrls("a-key-the-gateway-does-not-have").url("http://gateway", workspace, fileId,
                Instant.now().plusSeconds(60))).statusCode(403);
        String other = workspaces.ensure("signed-other").id;
        fetch(URLS.url("http://gateway", other, fileId, Instant.now().plusSeconds(60))).statusCode(404);
        fetch(URI.create(good.toString().replaceAll("expires=[^&]+", "expires=soon"))).statusCode(400)
                .body("field", equalTo("expires"));
        fetch(URI.create(good.toString().replaceAll("workspace=[^&]+&", ""))).statusCode(400)
                .body("field", equalTo("workspace"));
    }

    private String workspace() {
        return workspaces.ensure("default").id;
    }

    private static ValidatableResponse fetch(URI signed) {
        return given().redirects().follow(false).urlEncodingEnabled(false).get(signed.getRawPath() + "?" + signed.getRawQuery())
                .then();
    }

    private static String upload(String content) {
        return given().auth().oauth2(TOKEN).queryParam("name", "weights.bin").contentType("application/octet-stream")
                .body(content.getBytes()).post("/v1/files").then().statusCode(201).extract().path("data.file_id");
    }

    private static String link(String uri, String kind) {
        return given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("source_uri", uri, "source_kind", kind, "file_type", "onnx")).post("/v1/files/links").then()
                .statusCode(201).extract().path("data.file_id");
    }
}
