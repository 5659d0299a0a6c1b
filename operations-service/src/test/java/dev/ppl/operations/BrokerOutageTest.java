package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The broker stopped for 10 s while a client keeps editing a backend: the service is not ready meanwhile, editing
 * resumes on its own when the broker is back, and every operation acknowledged before, during or after the outage is
 * in the log exactly once, with no gap in the backend's sequence numbers.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class BrokerOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private final String workspace = Ids.next(Ids.WORKSPACE);

    @Test
    void editsAroundATenSecondBrokerOutageResumeWithoutARestartAndEveryAcknowledgedOneIsInTheLogOnce() throws Exception {
        String backend = given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"name\": \"b\"}")
                .post("/internal/backends").then().statusCode(201).extract().path("backend_id");
        String in = given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Input JSON HTTP/latest")
                .then().statusCode(200).extract().path("id");
        String vertex = edit(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}").then().statusCode(200)
                .extract().path("vertex_id");

        Set<String> acknowledged = new ConcurrentSkipListSet<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> editing = client.submit(() -> {
            for (int i = 0; running.get(); i++) {
                String key = "k" + i;
                Response answer = edit(backend, "{\"type\": \"change-metadata\", \"vertex_id\": \"" + vertex
                        + "\", \"key\": \"" + key + "\", \"value\": \"v\"}");
                // An edit sent during the outage waits for the writer (up to the command timeout) or is refused with a
                // 503; only acknowledged ones must be in the log.
                if (answer.statusCode() == 200) {
                    acknowledged.add(key);
                }
            }
        });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 20);
            SharedInfrastructure.get().stopKafka();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 503);
                // The outage itself is what is tested: it lasts its 10 s whatever the service does meanwhile.
                Awaitility.await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(1)).until(() -> true);
            } finally {
                SharedInfrastructure.get().startKafka();
            }
            int beforeRecovery = acknowledged.size();
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= beforeRecovery + 20);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ready() == 200);
        } finally {
            running.set(false);
            editing.get(60, TimeUnit.SECONDS);
            client.shutdown();
        }

        List<BackendEvent> log = OperationLogRecords.eventsOf(backend, acknowledged.size() + 2);
        List<Long> seqs = log.stream().map(BackendEvent::seq).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s < seqs.size(); s++) {
            expected.add(s);
        }
        assertThat(seqs).as("gap-free and without duplicates").isEqualTo(expected);
        List<String> logged = log.stream().filter(OperationRecorded.class::isInstance)
                .map(e -> ((OperationRecorded) e).operation()).filter(ChangeMetadata.class::isInstance)
                .map(op -> ((ChangeMetadata) op).key()).toList();
        assertThat(logged).doesNotHaveDuplicates().containsAll(acknowledged);
    }

    private Response edit(String backend, String body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/internal/backends/" + backend + "/operations");
    }

    private static int ready() {
        return given().get("/q/health/ready").statusCode();
    }
}
