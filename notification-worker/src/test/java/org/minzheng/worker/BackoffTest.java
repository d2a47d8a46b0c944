package org.minzheng.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    @RepeatedTest(20)
    void doublesPerAttemptWithinHalfToFullOfTheStepAndNeverPastTheCap() {
        assertThat(Backoff.after(1, BASE, MAX)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(Backoff.after(3, BASE, MAX)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(Backoff.after(6, BASE, MAX)).isBetween(Duration.ofSeconds(15), MAX);
        assertThat(Backoff.after(60, BASE, MAX)).isBetween(Duration.ofSeconds(15), MAX);
    }
}
