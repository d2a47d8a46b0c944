package org.minzheng.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked of the apps' container images without Docker: pinned base images, a non-root user, the
 * port the app listens on, and the files each image copies. Maven runs this in backend/; the other apps are its
 * siblings. A plain JUnit test: no Quarkus, no database.
 */
class DockerfilesTest {

    private static final Path ROOT = Path.of("..");
    /** Quarkus' fast-jar, as Dockerfile.jvm copies it in four layers. */
    private static final List<String> FAST_JAR = List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    /** An app's module and the Dockerfiles it has (wechat-sim runs in development only: JVM mode). */
    record App(String module, List<String> dockerfiles) {

        Path dockerfile(String name) {
            return ROOT.resolve(module).resolve("src/main/docker").resolve(name);
        }

        /** The default of {@code quarkus.http.port=${MZ_..._PORT:8080}}. */
        int port() {
            Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{\\w+:(\\d+)}$").matcher(properties());
            assertThat(m.find()).as("%s sets quarkus.http.port with a default", module).isTrue();
            return Integer.parseInt(m.group(1));
        }

        String properties() {
            return read(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        }

        @Override
        public String toString() {
            return module;
        }
    }

    private static final List<App> APPS = List.of(
            new App("backend", List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-multistage")),
            new App("notification-worker", List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-multistage")),
            new App("wechat-sim", List.of("Dockerfile.jvm")));

    /** One instruction: its keyword and its arguments, continuation lines joined. */
    record Instruction(String keyword, List<String> args) {
    }

    static Stream<Arguments> dockerfiles() {
        return APPS.stream().flatMap(app -> app.dockerfiles().stream()
                .map(name -> Arguments.of(app, name)));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("dockerfiles")
    void baseImagesArePinnedToATag(App app, String name) {
        Set<String> stages = new HashSet<>();
        for (Instruction from : instructions(app.dockerfile(name), "FROM")) {
            String image = from.args().get(0);
            if (from.args().size() == 3) {
                stages.add(from.args().get(2)); // FROM image AS stage
            }
            if (stages.contains(image) && from.args().size() == 1) {
                continue; // a stage of this file
            }
            String tag = image.substring(image.lastIndexOf('/') + 1).contains(":")
                    ? image.substring(image.lastIndexOf(':') + 1) : "";
            assertThat(tag).as("the tag of %s in %s", image, name).isNotBlank().isNotEqualTo("latest").doesNotContain("$");
        }
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("dockerfiles")
    void theFinalImageRunsAsANonRootUserAndExposesTheAppsPort(App app, String name) {
        List<Instruction> all = instructions(app.dockerfile(name), null);
        int lastFrom = lastIndexOf(all, "FROM");
        int lastUser = lastIndexOf(all, "USER");
        assertThat(lastUser).as("USER in the final stage of %s", name).isGreaterThan(lastFrom);
        String user = all.get(lastUser).args().get(0);
        assertThat(user).as("user of %s", name).matches("[1-9][0-9]*");
        if (name.equals("Dockerfile.jvm")) {
            assertThat(user).as("the OpenJDK runtime image's own user").isEqualTo("185");
        }
        assertThat(instructions(app.dockerfile(name), "EXPOSE")).as("EXPOSE of %s", name)
                .singleElement().extracting(expose -> expose.args()).isEqualTo(List.of(Integer.toString(app.port())));
    }

    @Test
    void jvmImagesCopyQuarkusFastJarWhichNoAppReplaces() {
        for (App app : APPS) {
            List<String> sources = instructions(app.dockerfile("Dockerfile.jvm"), "COPY").stream()
                    .map(DockerfilesTest::copySources).flatMap(List::stream).toList();
            assertThat(sources).as("COPY sources of %s's Dockerfile.jvm", app.module()).isEqualTo(FAST_JAR);
            assertThat(app.properties()).as("%s keeps the fast-jar packaging", app.module())
                    .doesNotContainPattern("(?m)^(%[\\w,-]+\\.)?quarkus\\.package\\.jar\\.type=(?!fast-jar\\s*$)");
            assertThat(read(ROOT.resolve(app.module()).resolve(".dockerignore")).lines())
                    .as("%s's build context lets the fast-jar through", app.module()).contains("!target/quarkus-app/*");
        }
    }

    @Test
    void nativeImagesCopyTheRunnerTheirModuleBuilt() {
        for (App app : APPS) {
            if (!app.dockerfiles().contains("Dockerfile.native")) {
                continue;
            }
            assertThat(instructions(app.dockerfile("Dockerfile.native"), "COPY")).singleElement()
                    .extracting(DockerfilesTest::copySources).isEqualTo(List.of("target/*-runner"));
            assertThat(read(ROOT.resolve(app.module()).resolve(".dockerignore")).lines())
                    .as("%s's build context lets the native runner through", app.module()).contains("!target/*-runner");
            Path multistage = app.dockerfile("Dockerfile.native-multistage");
            assertThat(instructions(multistage, "RUN")).map(run -> String.join(" ", run.args()))
                    .anySatisfy(run -> assertThat(run).contains("./mvnw", "-Pnative", "-pl " + app.module() + " -am"));
            List<Instruction> copies = instructions(multistage, "COPY");
            assertThat(copySources(copies.get(copies.size() - 1)))
                    .isEqualTo(List.of("/code/" + app.module() + "/target/*-runner"));
        }
    }

    @Test
    void theMultistageContextLeavesOutBuildOutputLocalStateAndTheTestsItSkips() {
        List<String> ignored = read(ROOT.resolve(".dockerignore")).lines().toList();
        assertThat(ignored).contains("**/target", ".local", ".git", "**/src/test");
        for (App app : APPS) {
            if (app.dockerfiles().contains("Dockerfile.native-multistage")) {
                // without src/test in the context the tests must not even be compiled
                assertThat(read(app.dockerfile("Dockerfile.native-multistage"))).contains("-Dmaven.test.skip=true");
            }
        }
    }

    private static List<String> copySources(Instruction copy) {
        List<String> args = copy.args().stream().filter(a -> !a.startsWith("--")).toList();
        return args.subList(0, args.size() - 1);
    }

    private static int lastIndexOf(List<Instruction> instructions, String keyword) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** The instructions of a Dockerfile, or those with one keyword. JSON-form arguments are left as they are. */
    private static List<Instruction> instructions(Path dockerfile, String keyword) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : read(dockerfile).lines().toList()) {
            String text = raw.strip();
            if (text.startsWith("#") || (text.isEmpty() && line.isEmpty())) {
                continue;
            }
            if (text.endsWith("\\")) {
                line.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            line.append(text);
            String[] words = line.toString().strip().split("\\s+");
            line.setLength(0);
            Instruction instruction = new Instruction(words[0].toUpperCase(), Arrays.asList(words).subList(1, words.length));
            if (keyword == null || instruction.keyword().equals(keyword)) {
                result.add(instruction);
            }
        }
        assertThat(result).as("%s in %s", keyword == null ? "instructions" : keyword, dockerfile).isNotEmpty();
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
