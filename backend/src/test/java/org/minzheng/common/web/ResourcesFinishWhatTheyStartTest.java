package org.minzheng.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every REST resource is {@code @Cancellable(false)}: Quarkus REST otherwise cancels a request's work when its client
 * closes the connection, and Hibernate Reactive, cancelled inside a transaction, rolls back half a booking and can keep
 * the pooled connection (the busy-day bench's stall; {@code ClientGivesUpTest} shows it through HTTP). This keeps a
 * new resource from forgetting it.
 */
class ResourcesFinishWhatTheyStartTest {

    @Test
    void everyResourceClassFinishesItsWorkWhenTheClientLeaves() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<Path> resources = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("\n@Path("))
                    .toList();
            assertThat(resources).as("the resources found").hasSizeGreaterThan(10);
            assertThat(resources).as("resources whose work a closed connection would cancel")
                    .filteredOn(f -> !read(f).contains("\n@Cancellable(false)\n")).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
