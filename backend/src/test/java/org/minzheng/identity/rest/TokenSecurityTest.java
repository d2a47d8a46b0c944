package org.minzheng.identity.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Every forged, expired or misdirected token is refused; nobody reaches another resident's data. */
@QuarkusTest
class TokenSecurityTest {

    private static JwtClaimsBuilder residentClaims(long id) {
        Instant now = Instant.now();
        return Jwt.issuer("minzheng").audience("minzheng-api").subject(Long.toString(id)).groups(Set.of("RESIDENT"))
                .claim("kind", "RESIDENT").issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(30)));
    }

    private static void refused(String token, int status) {
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(status == 401 ? "UNAUTHORIZED" : "FORBIDDEN"));
    }

    @Test
    void aProperlySignedTokenIsAccepted() {
        long id = Logins.newResident().id();
        given().auth().oauth2(residentClaims(id).sign()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void noToken() {
        given().get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void expired() {
        long id = Logins.newResident().id();
        Instant past = Instant.now().minus(Duration.ofHours(2));
        refused(residentClaims(id).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(30))).sign(), 401);
    }

    @Test
    void tamperedSignature() {
        String token = Logins.newResident().accessToken();
        char last = token.charAt(token.length() - 5);
        refused(token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4), 401);
    }

    @Test
    void tamperedClaims() {
        Logins.Session victim = Logins.newResident();
        String[] parts = Logins.newResident().accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"\\d+\"", "\"sub\":\"" + victim.id() + "\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2], 401);
    }

    @Test
    void wrongIssuer() {
        long id = Logins.newResident().id();
        refused(residentClaims(id).issuer("someone-else").sign(), 401);
    }

    @Test
    void wrongAudience() {
        long id = Logins.newResident().id();
        refused(residentClaims(id).audience("another-api").sign(), 401);
    }

    @Test
    void algNone() {
        long id = Logins.newResident().id();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String[] signed = residentClaims(id).sign().split("\\.");
        refused(header + "." + signed[1] + ".", 401);
    }

    @Test
    void hs256SignedWithThePublicKey() throws Exception {
        long id = Logins.newResident().id();
        byte[] publicKey = Files.readAllBytes(Path.of("src", "main", "resources", "dev", "jwt-public.pem"));
        String token = residentClaims(id).jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        refused(token, 401);
    }

    @Test
    void staffTokenOnAResidentEndpoint() {
        Logins.Session counter = Logins.newStaff(java.util.List.of("COUNTER"), java.util.List.of(1L), java.util.List.of());
        refused(counter.accessToken(), 403);
    }

    @Test
    void residentTokenOnStaffAndAdminEndpoints() {
        Logins.Session resident = Logins.newResident();
        resident.as().get("/api/v1/admin/staff").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        resident.as().contentType("application/json")
                .body("{\"subjectType\":\"RESIDENT\",\"subjectId\":1,\"field\":\"NAME\",\"purpose\":\"curious\"}")
                .post("/api/v1/staff/reveals").then().statusCode(403);
    }

    @Test
    void anotherResidentsDependantIsNotFound() {
        Logins.Session owner = Logins.newResident();
        long dependantId = owner.as().contentType("application/json")
                .body(java.util.Map.of("name", "王秀兰", "idNumber", org.minzheng.testsupport.TestIds.nanshan(
                        java.time.LocalDate.of(1950, 3, 8), false), "relation", "PARENT", "consentStatement", "本人同意"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");
        Logins.Session stranger = Logins.newResident();
        stranger.as().get("/api/v1/me/dependants/" + dependantId).then().statusCode(404)
                .body("code", equalTo("DEPENDANT_NOT_FOUND"));
        stranger.as().delete("/api/v1/me/dependants/" + dependantId).then().statusCode(404);
        owner.as().get("/api/v1/me/dependants/" + dependantId).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.nullValue());
        // a missing id looks exactly the same as someone else's
        stranger.as().get("/api/v1/me/dependants/999999999").then().statusCode(404)
                .body("code", equalTo("DEPENDANT_NOT_FOUND"));
    }
}
