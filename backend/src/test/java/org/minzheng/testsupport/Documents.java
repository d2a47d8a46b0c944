package org.minzheng.testsupport;

import java.nio.charset.StandardCharsets;

/** A document to attach to an application where its workflow needs one before a step. */
public final class Documents {

    /** The smallest file that is a PDF by its content. */
    public static final byte[] PDF = """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """.getBytes(StandardCharsets.US_ASCII);

    private Documents() {
    }

    /** The resident attaches a scanned proof to their draft (or returned) application. */
    public static void attach(BookingFixtures.Resident applicant, long applicationId, String kind) {
        applicant.as().multiPart("file", "scan.pdf", PDF, "application/pdf").multiPart("kind", kind)
                .post("/api/v1/me/applications/" + applicationId + "/documents").then().statusCode(201);
    }
}
