package org.minzheng.casework.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.casework.Workflow;
import org.minzheng.common.error.DomainException;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestApplicationTypes;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.core.impl.NoStackTraceThrowable;

/**
 * A timed transition that failed waits an hour before it is tried again (a domain refusing it must not hold up the
 * others), but not when the database only had no connection free in time: an overloaded backend says nothing about the
 * application, and the timers' next run takes it.
 */
@QuarkusTest
class TimerFailuresTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    Applications applications;

    @Inject
    ApplicationTypes types;

    @Test
    void aRefusalWaitsAnHourAPoolTimeoutOnlyTheNextRun() throws Throwable {
        long id = fixtures.verifiedResidents(1).get(0).as().contentType(ContentType.JSON)
                .body(Map.of("type", TestApplicationTypes.RELIEF, "streetCode", "ST" + UUID.randomUUID().toString().substring(0, 6),
                        "form", Map.of()))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        Workflow.Transition timed = types.of(TestApplicationTypes.RELIEF).workflow().transitions().get(0);
        String postponed = "SELECT count(*) FROM application WHERE id = " + id + " AND timer_retry_at > now() + interval '50 minutes'";

        // what Vert.x' pool fails a wait for a connection with
        VertxContextSupport.subscribeAndAwait(() -> applications.timerFailed(id, timed, new NoStackTraceThrowable("Timeout")));
        assertThat(fixtures.count(postponed)).as("left for the next run").isZero();

        VertxContextSupport.subscribeAndAwait(() -> applications.timerFailed(id, timed, new DomainException(409, "REFUSED")));
        assertThat(fixtures.count(postponed)).as("tried again in an hour").isOne();
    }
}
