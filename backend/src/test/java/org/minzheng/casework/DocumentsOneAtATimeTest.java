package org.minzheng.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minzheng.casework.service.Documents;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestApplicationTypes;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.shareddata.Lock;

/**
 * A replica holds one document's bytes at a time (each up to 10 MiB, held about three times over while sealed and
 * stored), so a few large uploads at once cannot exhaust a small heap: the others wait their turn, and one that waits
 * longer than {@code minzheng.documents.queue-wait} (3 s here) is answered 503 {@code SERVICE_BUSY} with nothing
 * stored. The test takes the turn itself to stand for a large document in progress.
 */
@QuarkusTest
@TestProfile(DocumentsOneAtATimeTest.ShortWait.class)
class DocumentsOneAtATimeTest {

    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minzheng.documents.queue-wait", "3s");
        }
    }

    @Inject
    BookingFixtures fixtures;

    @Inject
    Vertx vertx;

    @Test
    void aDocumentWaitsItsTurnAndIsAnsweredBusyWhenItDoesNotCome() throws Exception {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = applicant.as().contentType(ContentType.JSON)
                .body(Map.of("type", TestApplicationTypes.RELIEF, "streetCode", "ST" + UUID.randomUUID().toString().substring(0, 6),
                        "form", Map.of()))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        long first = upload(applicant, id).then().statusCode(201).extract().jsonPath().getLong("id");

        Lock turn = vertx.sharedData().getLocalLockWithTimeout(Documents.IN_MEMORY, 5_000).await().atMost(Duration.ofSeconds(10));
        CompletableFuture<Response> waiting;
        try {
            for (Response busy : new Response[] { upload(applicant, id),
                    applicant.as().get("/api/v1/me/applications/" + id + "/documents/" + first) }) {
                assertThat(busy.statusCode()).as(busy.asString()).isEqualTo(503);
                assertThat(busy.contentType()).startsWith("application/problem+json");
                assertThat(busy.jsonPath().getString("code")).isEqualTo("SERVICE_BUSY");
                assertThat(busy.header("Retry-After")).isEqualTo("2");
            }
            assertThat(documents(id)).as("a refused upload stores nothing").isEqualTo(1);

            // an upload received while the turn is taken waits for it (the refused ones' spooled files gone first)
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spooled() == 0);
            waiting = CompletableFuture.supplyAsync(() -> upload(applicant, id));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> spooled() > 0 || waiting.isDone());
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        } finally {
            turn.release();
        }
        Response taken = waiting.get();
        assertThat(taken.statusCode()).as(taken.asString()).isEqualTo(201);
        assertThat(documents(id)).isEqualTo(2);
    }

    private int documents(long applicationId) {
        return fixtures.count("SELECT count(*) FROM application_document WHERE application_id = " + applicationId
                + " AND deleted_at IS NULL");
    }

    private static Response upload(BookingFixtures.Resident applicant, long id) {
        return applicant.as().multiPart("file", "scan.pdf", org.minzheng.testsupport.Documents.PDF, "application/pdf")
                .multiPart("kind", "ID_CARD").post("/api/v1/me/applications/" + id + "/documents");
    }

    /** How many uploads Quarkus' multipart spool holds now: each is received in full before it waits its turn. */
    private static long spooled() throws Exception {
        Path spool = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }
}
