package org.minzheng.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * A token verified once is not verified again until it expires, and keeping it changes no answer: a token altered in
 * any character is verified afresh (and refused), and an expired one is refused though it was remembered.
 */
@QuarkusTest
@TestProfile(VerifiedTokensTest.NoClockSkew.class)
class VerifiedTokensTest {

    /**
     * SmallRye otherwise accepts a token for 60 s past its expiry, which would hide what the cache does then (it takes
     * 0 for "unset": a second is its least).
     */
    public static class NoClockSkew implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.clock.skew", "1");
        }
    }

    @Inject
    VerifiedTokens verified;

    @Test
    void aTokenIsVerifiedOnceAndRememberedUntilItExpires() {
        String token = tokenOf(Logins.newResident(), Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(verified.known(token)).isNull();

        io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/me/messages").then().statusCode(200);
        assertThat(verified.known(token)).as("remembered after its first use").isNotNull();
        io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/me/messages").then().statusCode(200);
    }

    @Test
    void aTokenChangedAfterSigningIsRefusedThoughTheOriginalIsRemembered() {
        Logins.Session resident = Logins.newResident();
        resident.as().get("/api/v1/me/messages").then().statusCode(200);
        assertThat(verified.known(resident.accessToken())).isNotNull();

        String[] parts = resident.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"sub\":\"" + resident.id() + "\"", "\"sub\":\"" + (resident.id() + 1) + "\"");
        assertThat(forged).isNotEqualTo(payload);
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/me/messages").then().statusCode(401);
        assertThat(verified.known(token)).isNull();
    }

    @Test
    void anExpiredTokenIsRefusedThoughItWasRemembered() {
        Logins.Session resident = Logins.newResident();
        Instant expiresAt = Instant.now().plusSeconds(3);
        String token = tokenOf(resident, expiresAt);
        io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/me/messages").then().statusCode(200);
        assertThat(verified.known(token)).isNotNull();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiresAt.plusSeconds(2)));
        io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/me/messages").then().statusCode(401);
        assertThat(verified.known(token)).isNull();
    }

    /** A resident's token as the backend signs them (TokenIssuer), expiring when the test needs. */
    private static String tokenOf(Logins.Session resident, Instant expiresAt) {
        return Jwt.issuer("minzheng").audience("minzheng-api").subject(Long.toString(resident.id()))
                .groups(Set.of("RESIDENT")).claim("kind", "RESIDENT").issuedAt(Instant.now()).expiresAt(expiresAt)
                .jws().algorithm(SignatureAlgorithm.RS256).sign();
    }
}
