package org.minzheng.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Parallel;
import org.minzheng.testsupport.LogCapture;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestApplicationTypes;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Documents on applications through the real API: taken for what their bytes are, within their type's
 * limits, stored sealed, seen only by the applicant and the staff who see the application, every download
 * audited.
 */
@QuarkusTest
class ApplicationDocumentsTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] PDF = """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00,
            0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9);
    private static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 'I', 'H', 'D',
            'R', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00);

    @Inject
    BookingFixtures fixtures;

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A Windows executable: the DOS header ("MZ") pointing at a PE header. */
    private static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    private static byte[] linuxExecutable() {
        return bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0, 0);
    }

    /** A PDF of exactly {@code size} bytes: the header, padding, the end marker. */
    private static byte[] pdfOfSize(int size) {
        byte[] pdf = new byte[size];
        Arrays.fill(pdf, (byte) ' ');
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, pdf, 0, head.length);
        System.arraycopy(tail, 0, pdf, size - tail.length, tail.length);
        return pdf;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String street() {
        return "ST" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static long draft(BookingFixtures.Resident r, String type, String street) {
        return r.as().contentType(ContentType.JSON).body(Map.of("type", type, "streetCode", street, "form", Map.of()))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse upload(BookingFixtures.Resident r, long id, String kind, String fileName,
            String declaredType, byte[] content) {
        return r.as().multiPart("file", fileName, content, declaredType).multiPart("kind", kind)
                .post("/api/v1/me/applications/" + id + "/documents").then();
    }

    private static long uploaded(BookingFixtures.Resident r, long id, String kind, byte[] content) {
        return upload(r, id, kind, "scan", "application/octet-stream", content).statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse act(BookingFixtures.Resident r, long id, String action, int version) {
        return r.as().contentType(ContentType.JSON).body(Map.of("version", version))
                .post("/api/v1/me/applications/" + id + "/actions/" + action).then();
    }

    private static String documents(long id) {
        return "/api/v1/me/applications/" + id + "/documents";
    }

    private int downloads(long id, long documentId, String actorKind) {
        return fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'DOCUMENT_DOWNLOADED' AND subject = 'application:"
                + id + "/document:" + documentId + "' AND actor_kind = '" + actorKind + "'");
    }

    /** The files in Quarkus' multipart spool now. */
    private static Set<Path> spooled() throws Exception {
        Path spool = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        try (Stream<Path> files = Files.list(spool)) {
            return files.collect(Collectors.toSet());
        }
    }


    @Test
    void aPdfAndAJpegAreTakenForWhatTheirContentIsAndComeBackAsTheyWere() throws Exception {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = draft(applicant, TestApplicationTypes.RELIEF, street());
        Set<Path> spooled = spooled();
        long pdf;
        try (LogCapture log = LogCapture.open()) {
            var created = upload(applicant, id, "INCOME_PROOF", "张三收入证明.pdf", "application/pdf", PDF).statusCode(201)
                    .body("mediaType", equalTo("application/pdf")).body("sizeBytes", equalTo(PDF.length))
                    .body("uploadedAt", notNullValue()).body("$", not(hasKey("bytes")))
                    .extract();
            pdf = created.jsonPath().getLong("id");
            assertThat(created.header("Location")).endsWith(documents(id) + "/" + pdf);
            assertThat(log.lines()).noneMatch(line -> line.message() != null && line.message().contains("张三收入证明"));
        }
        // the declared type and name say nothing: the bytes do
        long jpeg = upload(applicant, id, "ID_CARD", "blob", "application/octet-stream", JPEG).statusCode(201)
                .body("kind", equalTo("ID_CARD")).body("mediaType", equalTo("image/jpeg"))
                .body("sizeBytes", equalTo(JPEG.length)).body("sha256", equalTo(sha256(JPEG)))
                .extract().jsonPath().getLong("id");

        applicant.as().get(documents(id)).then().statusCode(200)
                .body("id", contains((int) pdf, (int) jpeg)).body("mediaType", contains("application/pdf", "image/jpeg"))
                .body("kind", contains("INCOME_PROOF", "ID_CARD"));
        byte[] back = applicant.as().get(documents(id) + "/" + pdf).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename=\"document-" + pdf + ".pdf\""))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"))
                .extract().asByteArray();
        assertThat(back).isEqualTo(PDF);
        assertThat(applicant.as().get(documents(id) + "/" + jpeg).then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray()).isEqualTo(JPEG);

        // every download audited; the bytes sealed at rest
        assertThat(downloads(id, pdf, "RESIDENT")).isEqualTo(1);
        assertThat(downloads(id, jpeg, "RESIDENT")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM document_blob b JOIN application_document d USING (storage_key) "
                + "WHERE d.id = " + pdf + " AND position(convert_to('%PDF', 'UTF8') IN b.bytes_enc) = 0")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM document_blob b JOIN application_document d USING (storage_key) "
                + "WHERE d.id = " + jpeg + " AND position('\\x4a464946'::bytea IN b.bytes_enc) = 0")).isEqualTo(1);
        // the multipart spool keeps nothing of these uploads once their requests end
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(spooled()).isSubsetOf(spooled));
    }

    @Test
    void anExecutableIsRefusedWhateverItIsCalledAndTypesChooseTheirMediaTypes() {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = draft(applicant, TestApplicationTypes.RELIEF, street());
        upload(applicant, id, "ID_CARD", "photo.jpg", "image/jpeg", windowsExecutable()).statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_DOCUMENT_TYPE"))
                .body("detail", containsString("application/x-msdownload"));
        upload(applicant, id, "ID_CARD", "photo.jpg", "image/jpeg", linuxExecutable()).statusCode(415)
                .body("code", equalTo("UNSUPPORTED_DOCUMENT_TYPE"));
        upload(applicant, id, "ID_CARD", "page.pdf", "application/pdf",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)).statusCode(415);
        assertThat(fixtures.count("SELECT count(*) FROM application_document WHERE application_id = " + id)).isZero();

        // a PNG is a default type; the documented type takes PDF and JPEG only
        upload(applicant, id, "ID_CARD", "photo.png", "image/png", PNG).statusCode(201).body("mediaType", equalTo("image/png"));
        long documented = draft(applicant, TestApplicationTypes.DOCUMENTED, street());
        upload(applicant, documented, "ID_CARD", "photo.png", "image/png", PNG).statusCode(415)
                .body("code", equalTo("UNSUPPORTED_DOCUMENT_TYPE"));
    }

    @Test
    void aDocumentMayBeTenMebibytesAndNoMoreNorEmpty() {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = draft(applicant, TestApplicationTypes.RELIEF, street());
        // far above the 1 MiB every other request body is held to
        upload(applicant, id, "INCOME_PROOF", "statement.pdf", "application/pdf", pdfOfSize(10 * MIB)).statusCode(201)
                .body("sizeBytes", equalTo(10 * MIB));
        upload(applicant, id, "INCOME_PROOF", "statement.pdf", "application/pdf", pdfOfSize(10 * MIB + 1)).statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("DOCUMENT_TOO_LARGE"));
        upload(applicant, id, "INCOME_PROOF", "empty.pdf", "application/pdf", new byte[0]).statusCode(400)
                .body("code", equalTo("EMPTY_DOCUMENT"));
        applicant.as().get(documents(id)).then().statusCode(200).body("", hasSize(1));
        // the larger limit is the upload's alone
        applicant.as().contentType(ContentType.JSON)
                .body(Map.of("version", 0, "form", Map.of("note", "x".repeat(2 * MIB))))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(413)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void aTypeLimitsTheKindsAndTheCountOfItsDocuments() {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = draft(applicant, TestApplicationTypes.DOCUMENTED, street());
        upload(applicant, id, "MARRIAGE_CERTIFICATE", "scan.pdf", "application/pdf", PDF).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("kind"))
                .body("errors[0].code", equalTo("DOCUMENT_KIND_NOT_ACCEPTED"));
        upload(applicant, id, "id-card", "scan.pdf", "application/pdf", PDF).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("kind"));
        applicant.as().multiPart("kind", "ID_CARD").post(documents(id)).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("file"));

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TestApplicationTypes.Documented.MAX_DOCUMENTS; i++) {
            ids.add(uploaded(applicant, id, "INCOME_PROOF", PDF));
        }
        upload(applicant, id, "INCOME_PROOF", "one-more.pdf", "application/pdf", PDF).statusCode(409)
                .body("code", equalTo("TOO_MANY_DOCUMENTS"));
        // removing one makes room; the removed one is gone, bytes and all, and the removal audited
        applicant.as().delete(documents(id) + "/" + ids.get(0)).then().statusCode(204);
        applicant.as().get(documents(id) + "/" + ids.get(0)).then().statusCode(404).body("code", equalTo("DOCUMENT_NOT_FOUND"));
        applicant.as().delete(documents(id) + "/" + ids.get(0)).then().statusCode(404);
        assertThat(fixtures.count("SELECT count(*) FROM document_blob b JOIN application_document d USING (storage_key) "
                + "WHERE d.id = " + ids.get(0))).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'DOCUMENT_DELETED' AND subject = "
                + "'application:" + id + "/document:" + ids.get(0) + "'")).isEqualTo(1);
        uploaded(applicant, id, "ID_CARD", JPEG);
        applicant.as().get(documents(id)).then().statusCode(200).body("", hasSize(TestApplicationTypes.Documented.MAX_DOCUMENTS));
    }

    @Test
    void parallelUploadsNeverPassTheCount() throws Exception {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        long id = draft(applicant, TestApplicationTypes.DOCUMENTED, street());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> upload(applicant, id, "INCOME_PROOF", "scan.pdf", "application/pdf", PDF).extract().statusCode());
        }
        List<Integer> statuses = Parallel.run(12, calls);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(TestApplicationTypes.Documented.MAX_DOCUMENTS);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        assertThat(fixtures.count("SELECT count(*) FROM application_document WHERE deleted_at IS NULL AND application_id = "
                + id)).isEqualTo(TestApplicationTypes.Documented.MAX_DOCUMENTS);
    }

    @Test
    void onlyTheApplicantAndStaffWhoSeeTheApplicationGetItsDocuments() {
        String street = street();
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);
        BookingFixtures.Resident applicant = residents.get(0);
        BookingFixtures.Resident other = residents.get(1);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session otherStreet = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street()));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(), List.of(street));
        long id = draft(applicant, TestApplicationTypes.RELIEF, street);
        long doc = uploaded(applicant, id, "INCOME_PROOF", PDF);
        String staffPath = "/api/v1/staff/applications/" + id + "/documents";

        // another resident: as if it did not exist
        other.as().get(documents(id)).then().statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
        other.as().get(documents(id) + "/" + doc).then().statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
        upload(other, id, "ID_CARD", "mine.pdf", "application/pdf", PDF).statusCode(404);
        other.as().delete(documents(id) + "/" + doc).then().statusCode(404);
        // nor does my document open through another application, even my own
        long mine = draft(other, TestApplicationTypes.RELIEF, street);
        other.as().get(documents(mine) + "/" + doc).then().statusCode(404).body("code", equalTo("DOCUMENT_NOT_FOUND"));
        // staff never see a draft's
        caseworker.as().get(staffPath).then().statusCode(404);

        act(applicant, id, "submit", 0).statusCode(200);
        otherStreet.as().get(staffPath).then().statusCode(404);
        otherStreet.as().get(staffPath + "/" + doc).then().statusCode(404);
        counter.as().get(staffPath + "/" + doc).then().statusCode(403);
        caseworker.as().get(staffPath).then().statusCode(200).body("id", contains((int) doc));
        assertThat(caseworker.as().get(staffPath + "/" + doc).then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asByteArray()).isEqualTo(PDF);
        assertThat(approver.as().get(staffPath + "/" + doc).then().statusCode(200).extract().asByteArray()).isEqualTo(PDF);
        assertThat(downloads(id, doc, "STAFF")).isEqualTo(2);
        assertThat(fixtures.strings("SELECT actor_id FROM audit_log WHERE action = 'DOCUMENT_DOWNLOADED' AND subject = "
                + "'application:" + id + "/document:" + doc + "' ORDER BY id"))
                .containsExactly(Long.toString(caseworker.id()), Long.toString(approver.id()));
        assertThat(downloads(id, doc, "RESIDENT")).isZero(); // refused attempts leave nothing
    }

    @Test
    void aTransitionThatNeedsDocumentsWaitsForOneAndDocumentsFreezeWithTheForm() {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("DOCS"));
        long id = draft(applicant, TestApplicationTypes.DOCUMENTED, "DOCS");
        act(applicant, id, "submit", 0).statusCode(422).body("code", equalTo("DOCUMENTS_REQUIRED"));
        applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("application.status", equalTo("DRAFT")).body("application.version", equalTo(0));
        long doc = uploaded(applicant, id, "ID_CARD", JPEG);
        act(applicant, id, "submit", 0).statusCode(200).body("status", equalTo("SUBMITTED"));

        // submitted: what was sent stays as it was
        upload(applicant, id, "INCOME_PROOF", "late.pdf", "application/pdf", PDF).statusCode(409)
                .body("code", equalTo("NOT_EDITABLE"));
        applicant.as().delete(documents(id) + "/" + doc).then().statusCode(409).body("code", equalTo("NOT_EDITABLE"));

        // returned for a supplement: documents change again, and a resubmission needs one
        caseworker.as().contentType(ContentType.JSON).body(Map.of("version", 1, "comment", "请补充收入证明"))
                .post("/api/v1/staff/applications/" + id + "/actions/return").then().statusCode(200);
        applicant.as().delete(documents(id) + "/" + doc).then().statusCode(204);
        act(applicant, id, "resubmit", 2).statusCode(422).body("code", equalTo("DOCUMENTS_REQUIRED"));
        uploaded(applicant, id, "INCOME_PROOF", PDF);
        act(applicant, id, "resubmit", 2).statusCode(200).body("status", equalTo("SUBMITTED"));
    }
}
