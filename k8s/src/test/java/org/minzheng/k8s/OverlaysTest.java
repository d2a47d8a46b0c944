package org.minzheng.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import org.minzheng.k8s.Kustomize.Rendered;

/**
 * Renders each overlay as {@code kubectl apply -k} would and checks what the cluster would be given: locked-down,
 * probed and bounded containers, selectors that find their pods, highly available apps, no wechat-sim in
 * production, no Secret values, TLS and the upload limit at the ingress, and a default deny.
 */
class OverlaysTest {

    static final String BACKEND = "backend";
    static final String WORKER = "notification-worker";
    static final String WECHAT_SIM = "wechat-sim";
    static final String SECRET = "minzheng-secrets";
    /** A placeholder in a Secret: {@code <what goes here>}. Anything else may be a real secret. */
    static final Pattern PLACEHOLDER = Pattern.compile("<[^<>\\n]+>");
    static final Path SECRET_TEMPLATE = Kustomize.K8S.resolve("secret-template/minzheng-secrets.yaml");

    // ---- containers

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerHasStartupLivenessAndReadinessProbesOnItsOwnPorts(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachContainer(Kustomize.overlay(overlay), (where, pod, c) -> {
            // a plain init container runs to completion and may not have probes; a sidecar (restartPolicy Always) may
            boolean initOnly = pod.getInitContainers().contains(c) && !"Always".equals(c.getRestartPolicy());
            if (initOnly) {
                return;
            }
            Map<String, Probe> probes = new LinkedHashMap<>();
            probes.put("startupProbe", c.getStartupProbe());
            probes.put("livenessProbe", c.getLivenessProbe());
            probes.put("readinessProbe", c.getReadinessProbe());
            probes.forEach((kind, probe) -> {
                if (probe == null) {
                    problems.add(where + " has no " + kind);
                } else if (probe.getHttpGet() != null && !hasPort(c, probe.getHttpGet().getPort())) {
                    problems.add(where + "'s " + kind + " uses port " + probe.getHttpGet().getPort()
                            + ", which the container does not declare");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerRequestsAndIsLimitedInCpuAndMemory(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachContainer(Kustomize.overlay(overlay), (where, pod, c) -> {
            ResourceRequirements r = Optional.ofNullable(c.getResources()).orElseGet(ResourceRequirements::new);
            for (String resource : List.of("cpu", "memory")) {
                if (r.getRequests() == null || !r.getRequests().containsKey(resource)) {
                    problems.add(where + " requests no " + resource);
                }
                if (r.getLimits() == null || !r.getLimits().containsKey(resource)) {
                    problems.add(where + " has no " + resource + " limit");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithoutPrivileges(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachContainer(Kustomize.overlay(overlay), (where, pod, c) -> {
            SecurityContext sc = Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
            PodSecurityContext psc = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
            // the container's setting wins over the pod's
            Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc.getRunAsNonRoot();
            Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
            var seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : psc.getSeccompProfile();
            if (!Boolean.TRUE.equals(nonRoot)) {
                problems.add(where + " is not runAsNonRoot");
            }
            if (user == null || user == 0) {
                problems.add(where + " has no non-zero runAsUser");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                problems.add(where + " has a writable root filesystem");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                problems.add(where + " does not set allowPrivilegeEscalation: false");
            }
            if (sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")
                    || !sc.getCapabilities().getAdd().isEmpty()) {
                problems.add(where + " does not drop ALL capabilities (or adds some back)");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                problems.add(where + " is privileged");
            }
            if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                problems.add(where + " has no RuntimeDefault seccomp profile");
            }
        });
        assertThat(problems).isEmpty();
    }

    /** Quarkus writes to java.io.tmpdir (the backend spools uploads there): with a read-only root it needs a volume. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerWritesTmpToABoundedEmptyDir(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachContainer(Kustomize.overlay(overlay), (where, pod, c) -> {
            Optional<Volume> tmp = c.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                    .filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).map(VolumeMount::getName)
                    .flatMap(name -> pod.getVolumes().stream().filter(v -> name.equals(v.getName())))
                    .findFirst();
            if (tmp.isEmpty() || tmp.get().getEmptyDir() == null) {
                problems.add(where + " has no writable emptyDir at /tmp");
            } else if (tmp.get().getEmptyDir().getSizeLimit() == null) {
                problems.add(where + "'s /tmp has no sizeLimit");
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyImageIsPinned(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachContainer(Kustomize.overlay(overlay), (where, pod, c) -> {
            if (!isPinned(c.getImage())) {
                problems.add(where + "'s image " + c.getImage() + " has no tag or digest, or is latest");
            }
        });
        assertThat(problems).isEmpty();
    }

    static boolean isPinned(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon > 0 && colon < last.length() - 1 && !last.substring(colon + 1).equals("latest");
    }

    // ---- references between objects

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everySelectorAndReferenceFindsWhatItNames(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        Map<String, PodTemplateSpec> pods = podTemplates(r);
        List<String> problems = new ArrayList<>();
        for (Deployment d : r.all(Deployment.class)) {
            if (!matches(d.getSpec().getSelector(), labels(d.getSpec().getTemplate()))) {
                problems.add("Deployment " + name(d) + "'s selector does not match its pod template's labels");
            }
        }
        for (Service s : r.all(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()
                    || pods.values().stream().noneMatch(p -> labels(p).entrySet().containsAll(selector.entrySet()))) {
                problems.add("Service " + name(s) + " selects no pods");
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                boolean found = pods.values().stream()
                        .filter(p -> selector != null && labels(p).entrySet().containsAll(selector.entrySet()))
                        .anyMatch(p -> p.getSpec().getContainers().stream().anyMatch(c -> hasPort(c, target)));
                if (!found) {
                    problems.add("Service " + name(s) + "'s targetPort " + target + " is no port of its pods");
                }
            }
        }
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            if (selectsNone(pdb.getSpec().getSelector(), pods)) {
                problems.add("PodDisruptionBudget " + name(pdb) + " selects no pods");
            }
        }
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || r.all(Deployment.class).stream().noneMatch(d -> name(d).equals(target.getName()))) {
                problems.add("HorizontalPodAutoscaler " + name(hpa) + " scales " + target.getKind() + " " + target.getName()
                        + ", which is no Deployment here");
            }
        }
        for (NetworkPolicy np : r.all(NetworkPolicy.class)) {
            if (selectsNone(np.getSpec().getPodSelector(), pods)) {
                problems.add("NetworkPolicy " + name(np) + " selects no pods");
            }
            // a peer without a namespaceSelector means pods of this namespace: they must exist
            Stream.concat(np.getSpec().getIngress().stream().flatMap(i -> i.getFrom().stream()),
                    np.getSpec().getEgress().stream().flatMap(e -> e.getTo().stream()))
                    .filter(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null)
                    .filter(peer -> selectsNone(peer.getPodSelector(), pods))
                    .forEach(peer -> problems.add("NetworkPolicy " + name(np) + " names peers that are no pods here: "
                            + peer.getPodSelector()));
        }
        for (Ingress ingress : r.all(Ingress.class)) {
            ingressBackends(ingress).forEach(backend -> {
                Optional<Service> service = r.all(Service.class).stream().filter(s -> name(s).equals(backend.getName())).findFirst();
                boolean portFound = service.isPresent() && service.get().getSpec().getPorts().stream().anyMatch(p ->
                        Objects.equals(p.getName(), backend.getPort().getName()) || Objects.equals(p.getPort(), backend.getPort().getNumber()));
                if (!portFound) {
                    problems.add("Ingress " + name(ingress) + " routes to " + backend.getName() + ":" + backend.getPort()
                            + ", which is no Service port here");
                }
            });
        }
        forEachContainer(r, (where, pod, c) -> c.getEnvFrom().stream()
                .filter(e -> e.getConfigMapRef() != null && !Boolean.TRUE.equals(e.getConfigMapRef().getOptional()))
                .map(e -> e.getConfigMapRef().getName())
                .filter(cm -> r.all(ConfigMap.class).stream().noneMatch(m -> name(m).equals(cm)))
                .forEach(cm -> problems.add(where + " reads ConfigMap " + cm + ", which is not rendered")));
        assertThat(problems).isEmpty();
    }

    // ---- availability

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void backendAndWorkerRunTwoOrMoreReplicasSpreadOverNodesAndRollWithoutLosingOne(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (String app : List.of(BACKEND, WORKER)) {
            Deployment d = r.one(Deployment.class, app);
            assertThat(d.getSpec().getReplicas()).as("%s replicas", app).isGreaterThanOrEqualTo(2);
            assertThat(d.getSpec().getStrategy().getType()).as("%s strategy", app).isEqualTo("RollingUpdate");
            IntOrString maxUnavailable = d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
            assertThat(maxUnavailable).as("%s maxUnavailable", app).isNotNull();
            assertThat(String.valueOf(maxUnavailable.getValue())).as("%s maxUnavailable", app).isIn("0", "0%");
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .as("%s spread over nodes", app)
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()) && matches(t.getLabelSelector(), labels));
            assertThat(r.all(PodDisruptionBudget.class)).as("%s has a PodDisruptionBudget", app)
                    .anyMatch(pdb -> matches(pdb.getSpec().getSelector(), labels));
        }
        HorizontalPodAutoscaler hpa = r.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> BACKEND.equals(h.getSpec().getScaleTargetRef().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(r + ": no HorizontalPodAutoscaler scales the backend"));
        assertThat(hpa.getSpec().getMinReplicas()).as("the backend's HPA minimum").isGreaterThanOrEqualTo(2);
    }

    /** SIGKILL must not come before the preStop pause and Quarkus' own graceful shutdown have run out. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void appsGetTimeToShutDownGracefully(String overlay) throws IOException {
        Rendered r = Kustomize.overlay(overlay);
        for (String app : List.of(BACKEND, WORKER)) {
            PodSpec pod = r.one(Deployment.class, app).getSpec().getTemplate().getSpec();
            Duration shutdown = Optional.ofNullable(appProperties(app).getProperty("quarkus.shutdown.timeout"))
                    .map(OverlaysTest::quarkusDuration).orElse(Duration.ZERO);
            Duration preStop = Duration.ofSeconds(pod.getContainers().stream()
                    .mapToLong(OverlaysTest::preStopSleepSeconds).max().orElse(0));
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as("%s terminationGracePeriodSeconds (preStop %s + shutdown %s + 5 s)", app, preStop, shutdown)
                    .isNotNull()
                    .isGreaterThanOrEqualTo(preStop.plus(shutdown).plusSeconds(5).toSeconds());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void prometheusScrapesTheAppsMetrics(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (String app : List.of(BACKEND, WORKER)) {
            PodTemplateSpec pod = r.one(Deployment.class, app).getSpec().getTemplate();
            Map<String, String> a = Optional.ofNullable(pod.getMetadata().getAnnotations()).orElse(Map.of());
            assertThat(a).as("%s's scrape annotations", app)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsKey("prometheus.io/port");
            assertThat(pod.getSpec().getContainers()).as("%s declares the scraped port", app)
                    .anyMatch(c -> c.getPorts().stream().anyMatch(p -> String.valueOf(p.getContainerPort()).equals(a.get("prometheus.io/port"))));
        }
    }

    /**
     * JAVA_OPTS replaces every option the image's run-java.sh generates (the heap ratio would be silently lost), and
     * JAVA_OPTS_APPEND the image's own appended options; a collector chosen there would also clash with the one
     * run-java.sh chooses (-XX:+UseParallelGC: "Multiple garbage collectors selected", the JVM does not start), so a
     * collector is chosen with GC_CONTAINER_OPTIONS, which replaces run-java.sh's.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void nothingReplacesTheImagesJvmOptions(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        List<String> problems = new ArrayList<>();
        List<String> replacing = List.of("JAVA_OPTS", "JAVA_OPTS_APPEND");
        forEachContainer(r, (where, pod, c) -> c.getEnv().stream().filter(e -> replacing.contains(e.getName()))
                .forEach(e -> problems.add(where + " sets " + e.getName())));
        r.all(ConfigMap.class).stream().filter(cm -> replacing.stream().anyMatch(cm.getData()::containsKey))
                .forEach(cm -> problems.add("ConfigMap " + name(cm) + " sets JAVA_OPTS or JAVA_OPTS_APPEND"));
        assertThat(problems).isEmpty();
    }

    /**
     * The backend runs the JVM the bench measured under 512 MiB resident (bench/README.md: a 192 MiB heap, the serial
     * collector): the heap run-java.sh takes from the memory limit and JAVA_MAX_MEM_RATIO (the container's own env
     * before the shared ConfigMap's), with room beside it for what the bench saw there (~290 MiB).
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theBackendRunsTheJvmTheBenchMeasured(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        Container backend = r.one(Deployment.class, BACKEND).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>(r.one(ConfigMap.class, "minzheng-config").getData());
        backend.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        long limit = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(backend.getResources().getLimits().get("memory"))
                .longValueExact();
        long heap = limit * Integer.parseInt(env.get("JAVA_MAX_MEM_RATIO")) / 100;
        assertThat(heap).as("heap").isEqualTo(192L << 20);
        assertThat(limit - heap).as("room beside the heap").isGreaterThanOrEqualTo(512L << 20);
        assertThat(env.get("GC_CONTAINER_OPTIONS")).isEqualTo("-XX:+UseSerialGC");
    }

    /** Every message type needs the mini-program's own template id in production (the committed ones are wechat-sim's). */
    @Test
    void productionSetsEveryTemplateIdTheBackendSends() throws IOException {
        Map<String, String> config = Kustomize.overlay("prod").one(ConfigMap.class, "minzheng-config").getData();
        List<String> templates = appProperties(BACKEND).stringPropertyNames().stream()
                .filter(n -> n.matches("minzheng\\.notify\\.templates\\.[A-Z_]+\\.template-id"))
                .map(n -> n.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_')).toList();
        assertThat(templates).isNotEmpty();
        assertThat(config).containsKeys(templates.toArray(String[]::new));
    }

    // ---- wechat-sim and profiles

    @Test
    void productionHasNoWechatSimAndRunsTheProdProfileAgainstWeChat() {
        Rendered prod = Kustomize.overlay("prod");
        List<String> problems = new ArrayList<>();
        prod.objects().stream().filter(o -> mentionsSim(name(o)) || labelsOf(o).values().stream().anyMatch(OverlaysTest::mentionsSim))
                .forEach(o -> problems.add(o.getKind() + " " + name(o)));
        forEachContainer(prod, (where, pod, c) -> {
            if (mentionsSim(c.getImage())) {
                problems.add(where + " runs " + c.getImage());
            }
            c.getEnv().stream().filter(e -> mentionsSim(e.getValue()) || "QUARKUS_PROFILE".equals(e.getName()))
                    .forEach(e -> problems.add(where + " sets " + e.getName() + "=" + e.getValue()));
        });
        prod.all(ConfigMap.class).forEach(cm -> cm.getData().forEach((k, v) -> {
            if (mentionsSim(v) || "QUARKUS_PROFILE".equals(k)) {
                problems.add("ConfigMap " + name(cm) + " sets " + k + "=" + v);
            }
        }));
        if (mentionsSim(prod.yaml())) {
            problems.add("the rendered text mentions wechat-sim");
        }
        assertThat(problems).as("wechat-sim or a non-prod profile in production").isEmpty();
        assertThat(prod.one(ConfigMap.class, "minzheng-config").getData())
                .containsEntry("QUARKUS_REST_CLIENT_WECHAT_URL", "https://api.weixin.qq.com");
    }

    @Test
    void developmentRunsWechatSimAndTheDevProfilePointedAtIt() {
        Rendered dev = Kustomize.overlay("dev");
        Service sim = dev.one(Service.class, WECHAT_SIM);
        assertThat(dev.one(Deployment.class, WECHAT_SIM).getSpec().getTemplate().getSpec().getContainers())
                .anyMatch(c -> c.getImage().contains("/wechat-sim:"));
        assertThat(dev.one(ConfigMap.class, "minzheng-config").getData())
                .containsEntry("QUARKUS_PROFILE", "dev")
                .containsEntry("QUARKUS_REST_CLIENT_WECHAT_URL", "http://" + WECHAT_SIM + ":" + sim.getSpec().getPorts().get(0).getPort());
        // the apps may reach it through the default deny, and it takes calls from them
        assertThat(dev.all(NetworkPolicy.class)).anyMatch(np -> np.getSpec().getEgress().stream()
                .anyMatch(e -> e.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                        && matches(peer.getPodSelector(), sim.getSpec().getSelector()))));
        assertThat(dev.all(NetworkPolicy.class)).anyMatch(np -> matches(np.getSpec().getPodSelector(), sim.getSpec().getSelector())
                && np.getSpec().getIngress().stream().anyMatch(i -> i.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                        && matches(peer.getPodSelector(), labels(dev, BACKEND)) && matches(peer.getPodSelector(), labels(dev, WORKER)))));
    }

    // ---- secrets

    /** Applying an overlay must never write placeholders, or anything, over the real minzheng-secrets. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void renderedSecretsHoldPlaceholdersOnlyAndNeverTheAppsSecret(String overlay) {
        List<Secret> secrets = Kustomize.overlay(overlay).all(Secret.class);
        assertThat(secrets).extracting(OverlaysTest::name).doesNotContain(SECRET);
        secrets.forEach(s -> assertThat(secretValues(s)).as("Secret %s", name(s)).allSatisfy((k, v) -> assertThat(v).as(k).matches(PLACEHOLDER)));
    }

    @Test
    void theSecretTemplateHoldsPlaceholdersForExactlyTheKeysProductionReads() throws IOException {
        List<HasMetadata> objects = Kustomize.parse(Files.readString(SECRET_TEMPLATE));
        assertThat(objects).hasSize(1).first().isInstanceOf(Secret.class).extracting(OverlaysTest::name).isEqualTo(SECRET);
        Map<String, String> values = secretValues((Secret) objects.get(0));
        assertThat(values).as(SECRET_TEMPLATE.toString()).isNotEmpty()
                .allSatisfy((k, v) -> assertThat(v).as(k).matches(PLACEHOLDER));

        Set<String> read = new TreeSet<>();
        List<String> otherSecrets = new ArrayList<>();
        forEachContainer(Kustomize.overlay("prod"), (where, pod, c) -> c.getEnv().stream()
                .map(EnvVar::getValueFrom).filter(Objects::nonNull).map(v -> v.getSecretKeyRef()).filter(Objects::nonNull)
                .forEach(ref -> {
                    if (SECRET.equals(ref.getName())) {
                        read.add(ref.getKey());
                    } else {
                        otherSecrets.add(where + " reads Secret " + ref.getName());
                    }
                }));
        assertThat(otherSecrets).isEmpty();
        assertThat(new TreeSet<>(values.keySet())).as("the template's keys").isEqualTo(read);
    }

    // ---- edges

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void ingressServesTlsAndTakesTheBackendsLargestUploadButNotItsHealthOrMetrics(String overlay) throws IOException {
        List<Ingress> ingresses = Kustomize.overlay(overlay).all(Ingress.class);
        assertThat(ingresses).isNotEmpty();
        long largestRequest = bytes(appProperties(BACKEND).getProperty("minzheng.documents.max-request-size"));
        for (Ingress ingress : ingresses) {
            Set<String> tlsHosts = new TreeSet<>();
            ingress.getSpec().getTls().stream().filter(t -> t.getSecretName() != null).map(IngressTLS::getHosts).forEach(tlsHosts::addAll);
            assertThat(tlsHosts).as("%s's TLS hosts", name(ingress))
                    .containsAll(ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList()).isNotEmpty();
            String bodySize = Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of())
                    .get("nginx.ingress.kubernetes.io/proxy-body-size");
            assertThat(bodySize).as("%s's proxy-body-size", name(ingress)).isNotNull();
            assertThat(bytes(bodySize)).as("%s's proxy-body-size %s against the backend's %d bytes", name(ingress), bodySize, largestRequest)
                    .isEqualTo(largestRequest);
            assertThat(ingress.getSpec().getRules().stream().flatMap(rule -> rule.getHttp().getPaths().stream()).map(HTTPIngressPath::getPath))
                    .as("%s's paths", name(ingress)).isNotEmpty()
                    .allSatisfy(path -> assertThat(path).isNotIn("/", "").doesNotStartWith("/q"));
        }
    }

    /** The dev profile signs tokens with the committed key: its Ingress must not be open to the internet. */
    @Test
    void developmentIsReachableFromPrivateNetworksOnly() {
        for (Ingress ingress : Kustomize.overlay("dev").all(Ingress.class)) {
            String ranges = Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of())
                    .get("nginx.ingress.kubernetes.io/whitelist-source-range");
            assertThat(ranges).as("%s's source ranges", name(ingress)).isNotBlank();
            assertThat(ranges.split(",")).as("%s's source ranges", name(ingress))
                    .allSatisfy(range -> assertThat(range.strip()).doesNotEndWith("/0"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPoliciesDenyEverythingNotLetThroughAndLetNothingFromEverywhere(String overlay) {
        List<NetworkPolicy> policies = Kustomize.overlay(overlay).all(NetworkPolicy.class);
        assertThat(policies).as("a default deny of ingress and egress").anyMatch(np ->
                np.getSpec().getPodSelector() != null && isEmpty(np.getSpec().getPodSelector())
                        && np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && np.getSpec().getIngress().isEmpty() && np.getSpec().getEgress().isEmpty());
        List<String> open = new ArrayList<>();
        for (NetworkPolicy np : policies) {
            np.getSpec().getIngress().stream().filter(i -> i.getFrom().isEmpty() || i.getFrom().stream().anyMatch(OverlaysTest::isAnyone))
                    .forEach(i -> open.add(name(np) + " lets anyone in"));
            np.getSpec().getEgress().stream().filter(e -> e.getTo().isEmpty() || e.getTo().stream().anyMatch(OverlaysTest::isAnyone))
                    .filter(e -> e.getPorts().isEmpty())
                    .forEach(e -> open.add(name(np) + " lets out to anywhere on any port"));
        }
        assertThat(open).isEmpty();
        // the backend is reached from outside the namespace only through the ingress controller (and Prometheus)
        Map<String, String> backend = labels(Kustomize.overlay(overlay), BACKEND);
        assertThat(policies.stream().filter(np -> matches(np.getSpec().getPodSelector(), backend))
                .flatMap(np -> np.getSpec().getIngress().stream()).flatMap(i -> i.getFrom().stream())
                .map(NetworkPolicyPeer::getNamespaceSelector).filter(Objects::nonNull)
                .map(s -> s.getMatchLabels().get("kubernetes.io/metadata.name")))
                .as("namespaces the backend takes connections from").containsOnly("ingress-nginx", "monitoring")
                .contains("ingress-nginx");
    }

    // ---- helpers

    interface ContainerCheck {
        void check(String where, PodSpec pod, Container container);
    }

    static void forEachContainer(Rendered r, ContainerCheck check) {
        Map<String, PodTemplateSpec> pods = podTemplates(r);
        assertThat(pods).as("workloads in %s", r).isNotEmpty();
        pods.forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                    .forEach(c -> check.check(r + ": " + workload + "/" + c.getName(), pod, c));
        });
    }

    /** Every pod template, by kind and name. */
    static Map<String, PodTemplateSpec> podTemplates(Rendered r) {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        r.all(Deployment.class).forEach(d -> pods.put("Deployment " + name(d), d.getSpec().getTemplate()));
        r.all(StatefulSet.class).forEach(s -> pods.put("StatefulSet " + name(s), s.getSpec().getTemplate()));
        r.all(DaemonSet.class).forEach(s -> pods.put("DaemonSet " + name(s), s.getSpec().getTemplate()));
        r.all(Job.class).forEach(j -> pods.put("Job " + name(j), j.getSpec().getTemplate()));
        r.all(CronJob.class).forEach(j -> pods.put("CronJob " + name(j), j.getSpec().getJobTemplate().getSpec().getTemplate()));
        return pods;
    }

    static Map<String, String> labels(PodTemplateSpec pod) {
        return Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
    }

    static Map<String, String> labels(Rendered r, String deployment) {
        return labels(r.one(Deployment.class, deployment).getSpec().getTemplate());
    }

    static Map<String, String> labelsOf(HasMetadata o) {
        return Optional.ofNullable(o.getMetadata().getLabels()).orElse(Map.of());
    }

    static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }

    static boolean selectsNone(LabelSelector selector, Map<String, PodTemplateSpec> pods) {
        return selector == null || pods.values().stream().noneMatch(p -> matches(selector, labels(p)));
    }

    static boolean isEmpty(LabelSelector s) {
        return s.getMatchLabels().isEmpty() && s.getMatchExpressions().isEmpty();
    }

    /** Kubernetes' label selector semantics (an empty selector matches everything). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
            String value = labels.get(e.getKey());
            boolean ok = switch (e.getOperator()) {
                case "In" -> value != null && e.getValues().contains(value);
                case "NotIn" -> value == null || !e.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("selector operator " + e.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isAnyone(NetworkPolicyPeer peer) {
        boolean anyNamespace = peer.getNamespaceSelector() != null && isEmpty(peer.getNamespaceSelector());
        boolean anyPod = peer.getPodSelector() == null || isEmpty(peer.getPodSelector());
        boolean anyAddress = peer.getIpBlock() != null && peer.getIpBlock().getCidr().endsWith("/0")
                && peer.getIpBlock().getExcept().isEmpty();
        return (anyNamespace && anyPod) || anyAddress;
    }

    static boolean hasPort(Container c, IntOrString port) {
        if (port == null) {
            return false;
        }
        return c.getPorts().stream().anyMatch(p -> port.getIntVal() != null
                ? port.getIntVal().equals(p.getContainerPort())
                : port.getStrVal().equals(p.getName()));
    }

    static Stream<IngressServiceBackend> ingressBackends(Ingress ingress) {
        Stream<IngressServiceBackend> byDefault = ingress.getSpec().getDefaultBackend() == null ? Stream.empty()
                : Stream.ofNullable(ingress.getSpec().getDefaultBackend().getService());
        return Stream.concat(byDefault, ingress.getSpec().getRules().stream().filter(rule -> rule.getHttp() != null)
                .flatMap(rule -> rule.getHttp().getPaths().stream()).map(p -> p.getBackend().getService()).filter(Objects::nonNull));
    }

    static long preStopSleepSeconds(Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = c.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null) {
            List<String> command = preStop.getExec().getCommand();
            if (command.size() == 2 && command.get(0).endsWith("sleep")) {
                return Long.parseLong(command.get(1));
            }
        }
        return 0;
    }

    static Map<String, String> secretValues(Secret s) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional.ofNullable(s.getData()).orElse(Map.of())
                .forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        Optional.ofNullable(s.getStringData()).orElse(Map.of()).forEach(values::put);
        return values;
    }

    static boolean mentionsSim(String text) {
        return text != null && text.toLowerCase().contains(WECHAT_SIM);
    }

    static Properties appProperties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Kustomize.K8S.resolveSibling(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** Quarkus' duration syntax: 40s, 5m, PT40S, or plain seconds. */
    static Duration quarkusDuration(String value) {
        String v = value.strip();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        return Duration.parse(v.startsWith("P") ? v : "PT" + v.toUpperCase());
    }

    /** A size in Quarkus' (11M) or nginx's (11m) notation: binary multiples, as both read them. */
    static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(size.strip());
        assertThat(m.matches()).as("a size: %s", size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
