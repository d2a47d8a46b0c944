package org.minzheng.identity.rest;

import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RevealTest {

    private static io.restassured.response.ValidatableResponse reveal(Logins.Session staff, String type, long id,
            String field, String purpose) {
        return staff.as().contentType(ContentType.JSON)
                .body(Map.of("subjectType", type, "subjectId", id, "field", field, "purpose", purpose))
                .post("/api/v1/staff/reveals").then();
    }

    @Test
    void aRevealAnswersThePlaintextAndIsAudited() {
        String id = TestIds.nanshan(LocalDate.of(1966, 6, 6), true);
        Logins.Session resident = Logins.verifiedResident("黄大仙", id);
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(1L), List.of());

        reveal(counter, "RESIDENT", resident.id(), "ID_NUMBER", "核对婚姻登记预约人身份").statusCode(200)
                .header("Cache-Control", "no-store")
                .body("value", equalTo(id));

        Logins.admin().as().queryParam("subject", "resident:" + resident.id()).queryParam("action", "REVEAL_ID_NUMBER")
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("items[0].actorKind", equalTo("STAFF"))
                .body("items[0].actorId", equalTo(Long.toString(counter.id())))
                .body("items[0].purpose", equalTo("核对婚姻登记预约人身份"));
    }

    @Test
    void aPurposeIsRequired() {
        Logins.Session resident = Logins.verifiedResident("黄小仙", TestIds.adultFemale());
        reveal(Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("NANTOU")), "RESIDENT", resident.id(), "NAME", " ")
                .statusCode(400).body("errors[0].field", equalTo("purpose"));
    }

    @Test
    void unknownPeopleAndEmptyFields() {
        Logins.Session staff = Logins.newStaff(List.of("COUNTER"), List.of(1L), List.of());
        reveal(staff, "RESIDENT", 999_999_999L, "NAME", "核对身份").statusCode(404).body("code", equalTo("SUBJECT_NOT_FOUND"));
        Logins.Session unverified = Logins.newResident();
        reveal(staff, "RESIDENT", unverified.id(), "PHONE", "核对身份").statusCode(404).body("code", equalTo("FIELD_NOT_SET"));
    }
}
