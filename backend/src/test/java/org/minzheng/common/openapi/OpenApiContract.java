package org.minzheng.common.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares the OpenAPI document generated from the code with the committed {@code openapi/openapi.yaml}
 * and, when asked with {@code -Dopenapi.refresh=true}, rewrites the committed one.
 */
final class OpenApiContract {

    static final String REFRESH_PROPERTY = "openapi.refresh";

    private OpenApiContract() {
    }

    /** Null when they match, otherwise a message saying where they differ and how to refresh. */
    static String drift(String committed, String generated) {
        List<String> expected = normalise(committed);
        List<String> actual = normalise(generated);
        if (expected.equals(actual)) {
            return null;
        }
        int line = 0;
        while (line < expected.size() && line < actual.size() && expected.get(line).equals(actual.get(line))) {
            line++;
        }
        return """
                openapi/openapi.yaml differs from the API the code serves, first at line %d:
                  committed: %s
                  generated: %s
                If the API change is intended, refresh the contract and commit it:
                  scripts/test.sh -pl backend -Dtest=OpenApiContractTest -Dopenapi.refresh=true
                """.formatted(line + 1, at(expected, line), at(actual, line));
    }

    static void write(Path file, String generated) throws IOException {
        Files.writeString(file, String.join("\n", normalise(generated)) + "\n", StandardCharsets.UTF_8);
    }

    private static List<String> normalise(String yaml) {
        List<String> lines = yaml.lines().map(String::stripTrailing).toList();
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isEmpty()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isEmpty()) {
            to--;
        }
        return lines.subList(from, to);
    }

    private static String at(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "<end of file>";
    }
}
