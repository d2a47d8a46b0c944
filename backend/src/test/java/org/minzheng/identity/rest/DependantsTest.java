package org.minzheng.identity.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class DependantsTest {

    private static io.restassured.response.ValidatableResponse add(Logins.Session s, String name, String id) {
        return s.as().contentType(ContentType.JSON)
                .body(Map.of("name", name, "idNumber", id, "relation", "PARENT", "consentStatement", "母亲同意由儿子代办"))
                .post("/api/v1/me/dependants").then();
    }

    @Test
    void addListAndRevokeKeepingHistory() {
        Logins.Session s = Logins.newResident();
        String mother = TestIds.nanshan(LocalDate.of(1952, 5, 1), false);
        long id = add(s, "陈桂英", mother).statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/me/dependants/"))
                .body("name", equalTo("陈**"))
                .body("idNumber", equalTo(mother.substring(0, 6) + "********" + mother.substring(14)))
                .body("sex", equalTo("FEMALE"))
                .body("relation", equalTo("PARENT"))
                .extract().jsonPath().getLong("id");
        s.as().get("/api/v1/me/dependants").then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo((int) id));

        s.as().delete("/api/v1/me/dependants/" + id).then().statusCode(204);
        s.as().delete("/api/v1/me/dependants/" + id).then().statusCode(204);
        s.as().get("/api/v1/me/dependants").then().statusCode(200).body("", hasSize(0));
        s.as().queryParam("includeRevoked", true).get("/api/v1/me/dependants").then().statusCode(200)
                .body("", hasSize(1)).body("[0].revokedAt", notNullValue());

        // after revoking, the same person can be added again as a new entry
        add(s, "陈桂英", mother).statusCode(201);
    }

    @Test
    void theSamePersonOnlyOnceAtATime() {
        Logins.Session s = Logins.newResident();
        String father = TestIds.nanshan(LocalDate.of(1950, 1, 1), true);
        add(s, "林建华", father).statusCode(201);
        add(s, "林建华", father).statusCode(409).body("code", equalTo("DEPENDANT_EXISTS"));
    }

    @Test
    void notMyself() {
        String me = TestIds.adultMale();
        Logins.Session s = Logins.verifiedResident("周杰", me);
        add(s, "周杰", me).statusCode(409).body("code", equalTo("DEPENDANT_IS_SELF"));
    }

    @Test
    void dependantIdNumbersAreValidatedToo() {
        add(Logins.newResident(), "某人", "110105491231002").statusCode(400)
                .body("code", equalTo("INVALID_ID_NUMBER"))
                .body("errors[0].code", equalTo("ID_NUMBER_OLD_FORMAT"));
    }

    @Test
    void consentIsRequired() {
        Logins.newResident().as().contentType(ContentType.JSON)
                .body(Map.of("name", "某人", "idNumber", TestIds.adultMale(), "relation", "PARENT", "consentStatement", " "))
                .post("/api/v1/me/dependants").then().statusCode(400)
                .body("errors[0].field", equalTo("consentStatement"));
    }
}
