package org.minzheng.relief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The self-assessment calculator at its boundaries, against the seeded 2023 standard and an admin's 2024 one. */
@QuarkusTest
class ReliefAssessmentTest {

    @Inject
    BookingFixtures fixtures;

    private static Map<String, Object> member(double wages) {
        return Map.of("relation", "SELF", "monthlyIncome", Map.of("wages", wages));
    }

    private static ValidatableResponse assess(Integer year, List<Map<String, Object>> members, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("members", members);
        body.put("year", year);
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/v1/relief/assessments").then();
    }

    private static JsonPath finding(ValidatableResponse response, String type) {
        JsonPath all = response.statusCode(200).extract().jsonPath();
        return JsonPath.from(all.prettify()).setRootPath("findings.find { it.type == '" + type + "' }");
    }

    @Test
    void belowTheStandardALowIncomeHouseholdGetsTheTopUpAndItsReason() {
        ValidatableResponse r = assess(2023, List.of(member(980), member(980), member(980)), Map.of());
        r.statusCode(200).body("standardYear", equalTo(2023)).body("standardCny", equalTo(1413.00f))
                .body("perCapitaIncomeCny", equalTo(980.00f)).body("members", equalTo(3));
        JsonPath dibao = finding(r, "DIBAO");
        assertThat(dibao.getBoolean("likely")).isTrue();
        assertThat(dibao.getString("reason")).contains("980.00").contains("1413");
        assertThat(dibao.getDouble("estimatedMonthlyCny")).isEqualTo(1299.00); // (1413 − 980) × 3
        assertThat(dibao.getList("documents", String.class)).contains("户口簿");
        assertThat(finding(r, "DIBAO_EDGE").getBoolean("likely")).isFalse();
    }

    @Test
    void theBoundariesFallOnTheRightSide() {
        // exactly at the standard: not 低保, but 边缘
        ValidatableResponse at = assess(2023, List.of(member(1413)), Map.of());
        assertThat(finding(at, "DIBAO").getBoolean("likely")).isFalse();
        assertThat(finding(at, "DIBAO").getString("reason")).contains("不低于");
        assertThat(finding(at, "DIBAO_EDGE").getBoolean("likely")).isTrue();
        // exactly 1.5 × 1413 = 2119.50: not 边缘 any more; a cent below: 边缘
        assertThat(finding(assess(2023, List.of(member(2119.50)), Map.of()), "DIBAO_EDGE").getBoolean("likely")).isFalse();
        assertThat(finding(assess(2023, List.of(member(2119.49)), Map.of()), "DIBAO_EDGE").getBoolean("likely")).isTrue();
        // one member, no income, alone and 70 with no one to support them: 低保 for the whole standard, and 特困
        Map<String, Object> elder = Map.of("relation", "SELF", "monthlyIncome", Map.of(), "age", 70, "noSupporter", true);
        ValidatableResponse alone = assess(2023, List.of(elder), Map.of());
        assertThat(finding(alone, "DIBAO").getDouble("estimatedMonthlyCny")).isEqualTo(1413.00);
        assertThat(finding(alone, "TEKUN").getBoolean("likely")).isTrue();
        assertThat(finding(alone, "TEKUN").getString("estimatedMonthlyCny")).isNull(); // no multiple set for 2023
        // high earnings, but medical bills leave little: 支出型困难
        ValidatableResponse bills = assess(2023, List.of(member(5000), member(5000)), Map.of("rigidExpensesMonthly", 8000));
        assertThat(finding(bills, "EXPENDITURE_HARDSHIP").getBoolean("likely")).isTrue();
        assertThat(finding(bills, "EXPENDITURE_HARDSHIP").getString("reason")).contains("1000.00");
        assertThat(finding(assess(2023, List.of(member(5000)), Map.of()), "EXPENDITURE_HARDSHIP").getBoolean("likely")).isFalse();
        assertThat(finding(assess(2023, List.of(member(5000)), Map.of("suddenHardship", true)), "TEMPORARY")
                .getBoolean("likely")).isTrue();
    }

    @Test
    void eachYearHasItsOwnStandardAndAssetLimits() {
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("minimumLivingCny", 1500, "edgeMultiplier", 1.5,
                "tekunMultiplier", 1.6, "depositLimitMonths", 12, "source", "测试用标准"))
                .put("/api/v1/admin/relief/standards/2024").then().statusCode(200).body("year", equalTo(2024));
        Logins.admin().as().get("/api/v1/admin/relief/standards").then().statusCode(200).body("year", hasItem(2023))
                .body("year", hasItem(2024));
        ValidatableResponse y2024 = assess(2024, List.of(member(1413)), Map.of());
        y2024.body("standardYear", equalTo(2024)).body("assetsChecked", equalTo(true));
        assertThat(finding(y2024, "DIBAO").getDouble("estimatedMonthlyCny")).isEqualTo(87.00); // 1500 − 1413
        // a year without its own standard uses the latest before it; one before every standard has none
        assess(2025, List.of(member(1413)), Map.of()).body("standardYear", equalTo(2024));
        assess(2023, List.of(member(1413)), Map.of()).body("standardYear", equalTo(2023));
        assess(2010, List.of(member(1413)), Map.of()).statusCode(404).body("code", equalTo("NO_RELIEF_STANDARD"));
        // deposits above 12 months of the standard per member rule 低保 out, with the reason
        JsonPath rich = finding(assess(2024, List.of(member(0)), Map.of("deposits", 18_001)), "DIBAO");
        assertThat(rich.getBoolean("likely")).isFalse();
        assertThat(rich.getString("reason")).contains("存款").contains("18001");
        assertThat(finding(assess(2024, List.of(member(0)), Map.of("deposits", 18_000)), "DIBAO").getBoolean("likely")).isTrue();
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'RELIEF_STANDARD_SET'")).isPositive();
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        int before = fixtures.count("SELECT count(*) FROM application");
        assess(2023, List.of(), Map.of()).statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        assess(2023, List.of(member(-1)), Map.of()).statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).body("{\"members\": [{\"monthlyIncome\": {\"wages\": \"lots\"}}]}")
                .post("/api/v1/relief/assessments").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        assertThat(fixtures.count("SELECT count(*) FROM application")).isEqualTo(before);
    }
}
