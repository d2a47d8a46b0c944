package org.minzheng.identity.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;
import org.minzheng.testsupport.WeChatSim;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class MeResourceTest {

    @Inject
    AgroalDataSource db;

    @AfterEach
    void clearFaults() {
        WeChatSim.clearFaults();
    }

    private static io.restassured.response.ValidatableResponse verify(Logins.Session s, String name, String id) {
        return s.as().contentType(ContentType.JSON).body(Map.of("name", name, "idNumber", id)).put("/api/v1/me/identity").then();
    }

    @Test
    void newResidentIsUnverified() {
        Logins.newResident().as().get("/api/v1/me").then().statusCode(200)
                .body("identityVerified", equalTo(false)).body("idNumber", nullValue()).body("phone", nullValue());
    }

    @Test
    void verificationMasksAndDerivesSex() {
        String id = TestIds.nanshan(LocalDate.of(1988, 8, 8), true);
        Logins.Session s = Logins.newResident();
        verify(s, "张三丰", id).statusCode(200)
                .body("identityVerified", equalTo(true))
                .body("name", equalTo("张**"))
                .body("idNumber", equalTo(id.substring(0, 6) + "********" + id.substring(14)))
                .body("sex", equalTo("MALE"));
        // the same again is fine; a different number is not
        verify(s, "张三丰", id).statusCode(200);
        verify(s, "张三丰", TestIds.adultMale()).statusCode(409).body("code", equalTo("IDENTITY_ALREADY_VERIFIED"));
    }

    @Test
    void invalidIdNumberSaysWhichPart() {
        verify(Logins.newResident(), "李四", "110105194912310021").statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_ID_NUMBER"))
                .body("errors[0].field", equalTo("idNumber"))
                .body("errors[0].code", equalTo("ID_NUMBER_CHECK_CHARACTER"))
                .body("errors[0].message", equalTo("校验位不正确，请核对号码"));
    }

    @Test
    void badNameIsAValidationError() {
        verify(Logins.newResident(), "<script>", TestIds.adultMale()).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("name"));
    }

    @Test
    void oneIdNumberOneAccount() {
        String id = TestIds.adultFemale();
        verify(Logins.newResident(), "王芳", id).statusCode(200);
        verify(Logins.newResident(), "王芳", id.toLowerCase()).statusCode(409).body("code", equalTo("ID_NUMBER_TAKEN"));
    }

    @Test
    void twoAccountsRacingForOneIdNumberOneWins() throws Exception {
        String id = TestIds.adultFemale();
        List<Logins.Session> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(Logins.newResident());
        }
        ExecutorService pool = Executors.newFixedThreadPool(accounts.size());
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (Logins.Session s : accounts) {
                attempts.add(() -> verify(s, "赵敏", id).extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void phoneComesFromWeChatAndIsMasked() {
        Logins.Session s = Logins.newResident();
        s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode("13812345678")))
                .post("/api/v1/me/phone").then().statusCode(200).body("phone", equalTo("138****5678"));
    }

    @Test
    void staleWeChatAccessTokenIsRefreshedAndRetriedOnce() {
        Logins.Session s = Logins.newResident();
        WeChatSim.fault("getuserphonenumber", 40001, 0, 1);
        s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode("13900001111")))
                .post("/api/v1/me/phone").then().statusCode(200).body("phone", equalTo("139****1111"));
    }

    @Test
    void invalidPhoneCode() {
        Logins.newResident().as().contentType(ContentType.JSON).body(Map.of("code", "phone-nonsense"))
                .post("/api/v1/me/phone").then().statusCode(401).body("code", equalTo("WECHAT_CODE_INVALID"));
    }

    @Test
    void theDatabaseHoldsNoPlaintextPersonalData() throws Exception {
        String id = TestIds.nanshan(LocalDate.of(1977, 7, 7), false);
        String phone = "13698765432";
        Logins.Session s = Logins.verifiedResident("欧阳娜娜", id);
        s.as().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.phoneCode(phone)))
                .post("/api/v1/me/phone").then().statusCode(200);
        String dependantId = TestIds.nanshan(LocalDate.of(1948, 2, 2), true);
        s.as().contentType(ContentType.JSON).body(Map.of("name", "欧阳建国", "idNumber", dependantId,
                "relation", "PARENT", "consentStatement", "父亲同意由女儿代办"))
                .post("/api/v1/me/dependants").then().statusCode(201);

        String everything = dump("resident", s.id()) + dump("dependant", s.id());
        assertThat(everything).contains("resident");
        for (String secret : List.of(id, phone, "欧阳娜娜", "欧阳建国", dependantId, id.substring(6, 14), "父亲同意")) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    /** Every column of the resident's rows, as text, bytea decoded as UTF-8 where it can be. */
    private String dump(String table, long residentId) throws Exception {
        String column = table.equals("resident") ? "id" : "resident_id";
        StringBuilder all = new StringBuilder(table);
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE " + column + " = " + residentId)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    all.append('|').append(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v);
                }
            }
        }
        return all.toString();
    }
}
