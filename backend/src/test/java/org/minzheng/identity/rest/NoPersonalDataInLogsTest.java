package org.minzheng.identity.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.LogCapture;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;
import org.minzheng.testsupport.WeChatSim;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Logs never carry an ID number, phone, name or token, on the happy path or the error paths. */
@QuarkusTest
class NoPersonalDataInLogsTest {

    @Test
    void aWholeJourneyLeavesNothingPersonalInTheLogs() {
        String id = TestIds.nanshan(LocalDate.of(1959, 9, 9), true);
        String dependantId = TestIds.nanshan(LocalDate.of(1931, 1, 31), false);
        String phone = "13512344321";
        try (LogCapture log = LogCapture.open()) {
            Logins.Session s = Logins.verifiedResident("司马光明", id);
            s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode(phone)))
                    .post("/api/v1/me/phone").then().statusCode(200);
            WeChatSim.fault("getuserphonenumber", -1, 0, 1);
            s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode(phone)))
                    .post("/api/v1/me/phone").then().statusCode(503);
            s.as().contentType(ContentType.JSON).body(Map.of("name", "司马老太", "idNumber", dependantId,
                    "relation", "GRANDPARENT", "consentStatement", "同意"))
                    .post("/api/v1/me/dependants").then().statusCode(201);
            // failures too: an invalid number, a taken number
            Logins.newResident().as().contentType(ContentType.JSON).body(Map.of("name", "司马光明", "idNumber", id))
                    .put("/api/v1/me/identity").then().statusCode(409);
            Logins.newResident().as().contentType(ContentType.JSON)
                    .body(Map.of("name", "司马光明", "idNumber", id.substring(0, 17) + (id.endsWith("0") ? "1" : "0")))
                    .put("/api/v1/me/identity").then().statusCode(400);
            Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(1L), List.of());
            counter.as().contentType(ContentType.JSON)
                    .body(Map.of("subjectType", "RESIDENT", "subjectId", s.id(), "field", "ID_NUMBER", "purpose", "核对身份"))
                    .post("/api/v1/staff/reveals").then().statusCode(200);

            List<String> secrets = List.of(id, id.substring(0, 17), dependantId, phone, "司马光明", "司马老太",
                    s.accessToken(), s.refreshToken(), counter.accessToken(), Logins.ADMIN_PASSWORD);
            assertThat(log.lines()).isNotEmpty();
            for (LogCapture.Line line : log.lines()) {
                String text = line.message() + (line.thrown() == null ? "" : " " + line.thrown());
                for (String secret : secrets) {
                    assertThat(text).as("log line of %s", line.logger()).doesNotContain(secret);
                }
            }
        } finally {
            WeChatSim.clearFaults();
        }
    }
}
