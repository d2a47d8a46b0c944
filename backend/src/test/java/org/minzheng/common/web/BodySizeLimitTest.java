package org.minzheng.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.LogCapture;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bodies sent in chunks, without a Content-Length, are bounded while they are read. (Declared lengths are
 * refused up front: ProblemMapperTest, whose REST Assured client declares the length of a stream too.)
 */
@QuarkusTest
class BodySizeLimitTest {

    private static final int MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI root;

    /** {@code ofInputStream} has no length to declare: the body goes in chunks. */
    private HttpResponse<String> chunked(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyAboveOneMebibyteIsRefusedWhileItIsRead() throws Exception {
        byte[] json = ("{\"title\": \"" + "y".repeat(MIB + 1000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (LogCapture log = LogCapture.open()) {
            // Quarkus' input stream answers this one itself, without a problem body: the response is under way
            assertThat(chunked("test-probe/bookings", "application/json", json).statusCode()).isEqualTo(413);
            assertThat(log.lines()).extracting(LogCapture.Line::message).doesNotContain("probe booking received");
        }
    }
}
