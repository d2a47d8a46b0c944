package org.minzheng.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What {@code kubectl kustomize} makes of an overlay: the text and the typed objects. It runs the kubectl on
 * the PATH, since that is what operators and CI apply with (Debian 12's kubectl 1.20 embeds kustomize v2.0.3,
 * newer ones v5), and never falls back to a kustomize of its own.
 */
final class Kustomize {

    /** The k8s module's folder (Surefire's basedir; the working directory otherwise). */
    static final Path K8S = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Rendered> RENDERED = new HashMap<>();

    record Rendered(String name, String yaml, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                    .orElseGet(() -> fail("%s renders no %s named %s", this.name, type.getSimpleName(), name));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The overlay k8s/overlays/{name}, rendered once per test run. */
    static synchronized Rendered overlay(String name) {
        if (RENDERED.isEmpty()) {
            // what renders depends on the kustomize inside kubectl: say which one this was
            System.out.println("kubectl: " + kubectl("version", "--client").strip().replaceAll("\\s*\\n\\s*", "; "));
        }
        return RENDERED.computeIfAbsent(name, n -> {
            String yaml = kubectl("kustomize", K8S.resolve("overlays/" + n).toString());
            return new Rendered("overlays/" + n, yaml, parse(yaml));
        });
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return parsed == null ? List.of() : List.of((HasMetadata) parsed);
    }

    private static String kubectl(String... args) {
        List<String> line = new ArrayList<>(List.of("kubectl"));
        line.addAll(List.of(args));
        String command = String.join(" ", line);
        try {
            File errors = File.createTempFile("kubectl", ".err");
            errors.deleteOnExit();
            Process kubectl;
            try {
                kubectl = new ProcessBuilder(line).redirectError(errors).start();
            } catch (IOException e) {
                return fail("kubectl is not on the PATH, and these tests need it to render the overlays: install it "
                        + "(Debian: apt-get install kubernetes-client; scripts/test.sh does so)", e);
            }
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(2, TimeUnit.MINUTES)) {
                kubectl.destroyForcibly();
                return fail("%s did not finish in 2 minutes", command);
            }
            if (kubectl.exitValue() != 0) {
                return fail("%s failed (exit %d):%n%s", command, kubectl.exitValue(), Files.readString(errors.toPath()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command, e);
        }
    }

    private Kustomize() {
    }
}
