package org.minzheng.common.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The committed contract is what the code serves; mini-program developers build against the file. */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("..", "openapi", "openapi.yaml");

    @Test
    void committedContractMatchesTheCode() throws Exception {
        String generated = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean(OpenApiContract.REFRESH_PROPERTY)) {
            OpenApiContract.write(COMMITTED, generated);
            return;
        }
        if (!Files.exists(COMMITTED)) {
            fail("openapi/openapi.yaml is missing. Generate it with:\n"
                    + "  scripts/test.sh -pl backend -Dtest=OpenApiContractTest -Dopenapi.refresh=true");
        }
        String drift = OpenApiContract.drift(Files.readString(COMMITTED), generated);
        if (drift != null) {
            fail(drift);
        }
    }

    @Test
    void theCheckFailsOnAChangedFile() throws Exception {
        String generated = given().queryParam("format", "yaml").get("/q/openapi").then().extract().asString();
        assertThat(OpenApiContract.drift(generated, generated)).isNull();
        assertThat(OpenApiContract.drift(generated + "\n\n", generated)).as("trailing blank lines are no drift").isNull();

        String changed = generated.replace("title: minzheng API", "title: someone else's API");
        assertThat(changed).isNotEqualTo(generated);
        assertThat(OpenApiContract.drift(changed, generated))
                .contains("openapi/openapi.yaml differs", "someone else's API", "-Dopenapi.refresh=true");
        assertThat(OpenApiContract.drift(generated + "\npaths:\n  /extra: {}\n", generated)).contains("<end of file>");
    }

    @Test
    void testOnlyProbesStayOutOfTheContract() {
        given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("test-probe")));
    }
}
