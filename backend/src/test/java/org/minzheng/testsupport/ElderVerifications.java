package org.minzheng.testsupport;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.restassured.http.ContentType;

/** The way an elder's profile gets verified: the family applies (助餐 registration), the street's caseworker checks it there. */
public final class ElderVerifications {

    private ElderVerifications() {
    }

    /** Answers the application the verification was made in. */
    public static long verify(BookingFixtures.Resident family, long elder, Logins.Session caseworker, String street, String hukou,
            String disability) {
        long id = family.as().contentType(ContentType.JSON).body(Map.of("type", "ELDER_MEAL_SUBSIDY", "form",
                Map.of("person", elder, "address", Map.of("streetCode", street)))).post("/api/v1/me/applications").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        family.as().contentType(ContentType.JSON).body(Map.of("version", 0)).post("/api/v1/me/applications/" + id + "/actions/submit")
                .then().statusCode(200);
        caseworker.as().contentType(ContentType.JSON).body(Map.of("seen", Map.of("hukouRegion", hukou, "disability", disability)))
                .post("/api/v1/staff/applications/" + id + "/elder-profile").then().statusCode(200).body("verified", equalTo(true));
        return id;
    }
}
