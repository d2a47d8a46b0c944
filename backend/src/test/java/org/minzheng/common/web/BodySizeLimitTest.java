package org.minzheng.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.LogCapture;
import org.minzheng.testsupport.TestApplicationTypes;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bodies sent in chunks, without a Content-Length, are bounded while they are read: 1 MiB everywhere, the
 * upload limit on document uploads. (Declared lengths are refused up front: ProblemMapperTest, whose REST
 * Assured client declares the length of a stream too.)
 */
@QuarkusTest
class BodySizeLimitTest {

    private static final int MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI root;
    @Inject
    BookingFixtures fixtures;

    /** {@code ofInputStream} has no length to declare: the body goes in chunks. */
    private HttpResponse<String> chunked(String path, String contentType, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyAboveOneMebibyteIsRefusedWhileItIsRead() throws Exception {
        byte[] json = ("{\"title\": \"" + "y".repeat(MIB + 1000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (LogCapture log = LogCapture.open()) {
            // Quarkus' input stream answers this one itself, without a problem body: the response is under way
            assertThat(chunked("test-probe/bookings", "application/json", json, null).statusCode()).isEqualTo(413);
            assertThat(log.lines()).extracting(LogCapture.Line::message).doesNotContain("probe booking received");
        }
    }

    @Test
    void aChunkedDocumentUploadMayBeLarger() throws Exception {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = applicant.as().contentType(ContentType.JSON)
                .body(Map.of("type", TestApplicationTypes.RELIEF, "streetCode", "CHUNKED", "form", Map.of()))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        byte[] pdf = new byte[3 * MIB];
        Arrays.fill(pdf, (byte) ' ');
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("""
                --b0undary\r
                Content-Disposition: form-data; name="kind"\r
                \r
                INCOME_PROOF\r
                --b0undary\r
                Content-Disposition: form-data; name="file"; filename="statement.pdf"\r
                Content-Type: application/pdf\r
                \r
                """.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(pdf);
        body.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> response = chunked("api/v1/me/applications/" + id + "/documents",
                "multipart/form-data; boundary=b0undary", body.toByteArray(), applicant.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("\"sizeBytes\":" + 3 * MIB);
    }
}
