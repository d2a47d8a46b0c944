package org.minzheng.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.vertx.core.buffer.Buffer;

/**
 * Residents adding scans to their relief applications, each the largest file a type takes, at a fixed rate. Not one of
 * the scenarios: it shows that the backend's memory stays bounded under uploads in the JVM the Kubernetes pod
 * runs (a replica holds one document's bytes at a time; the others wait their turn, or are told 503 SERVICE_BUSY after
 * {@code minzheng.documents.queue-wait}), and that none is lost or stored unannounced. An upload is mostly bytes
 * moved, so the p99 target of the scenarios does not apply.
 */
final class DocumentUploads extends LoadScenario {

    static final String DOCUMENTS_STORED = "every document answered 201 is stored, sealed, its bytes' SHA-256 and size as sent";
    static final String NONE_UNANNOUNCED = "no document nobody was answered 201 for, but uploads given up unanswered";

    private static final Set<String> CORRECT = Set.of("201");
    /** The documents an application takes (DocumentRules.DEFAULT). */
    private static final int PER_APPLICATION = 20;
    private static final String BOUNDARY = "minzheng-bench-upload";

    /** {@code kib}: each file's size (10 MiB, the largest a type takes, in a real run). */
    record Settings(double perSecond, Duration duration, int kib) {
    }

    private record Draft(long applicationId, String token) {
    }

    private final Settings settings;
    private final List<Draft> drafts = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Long> stored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unanswered = new AtomicInteger();
    private Buffer upload;
    private String sha256;

    DocumentUploads(Context context, Settings settings) {
        super("documents", "Document uploads", context);
        this.settings = settings;
    }

    /** Drafts enough for both phases (the second offers at most half the first's rate) and a warm-up, 20 uploads each. */
    @Override
    public void prepare() throws Exception {
        byte[] file = pdf(settings.kib() * 1024);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        upload = multipart(file);
        double seconds = settings.duration().toNanos() / 1e9;
        int uploads = (int) Math.ceil(settings.perSecond() * seconds * 1.5) + 2 * PER_APPLICATION;
        Api backend = context.backend();
        for (Residents.Resident r : Residents.signUp(backend, context.sim(), (uploads + PER_APPLICATION - 1) / PER_APPLICATION,
                context.runId())) {
            long id = backend.post("/api/v1/me/applications", r.token(), Map.of("type", "RELIEF_DIBAO", "form", household(r)))
                    .expect(201).body().path("id").asLong();
            drafts.add(new Draft(id, r.token()));
        }
        // the JIT compiles the upload's path before the clock
        LoadResult warm = new LoadResult();
        OpenLoop.run(PER_APPLICATION, Duration.ofSeconds(2), warm, arrival(warm));
    }

    @Override
    public double saturatingRate() {
        return settings.perSecond();
    }

    @Override
    public Phase run(String label, double perSecond) {
        int requests = (int) Math.round(perSecond * settings.duration().toNanos() / 1e9);
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("each upload", "a " + settings.kib() / 1024.0 + " MiB PDF (multipart), to a relief application's draft");
        setup.put("requests", requests + " over " + settings.duration().toMillis() + " ms");
        return Scenario.measure(context, label, requests, settings.duration(), CORRECT, "201", setup, this::arrival);
    }

    private OpenLoop.Arrival arrival(LoadResult load) {
        return (i, intended) -> {
            Draft draft = drafts.get(next.getAndIncrement() / PER_APPLICATION);
            return OpenLoop.timed(context.backend().send("POST", "/api/v1/me/applications/" + draft.applicationId()
                    + "/documents", draft.token(), upload, "multipart/form-data; boundary=" + BOUNDARY, null), load, intended)
                    .thenAccept(answer -> {
                        if (answer.status() == 201) {
                            stored.add(answer.body().path("id").asLong());
                        } else if (answer.status() == 0) {
                            unanswered.incrementAndGet();
                        }
                    });
        };
    }

    @Override
    public List<Ratio> ratios(Phase saturating, Ceilings ceilings) {
        return List.of();
    }

    @Override
    public boolean latencyTarget() {
        return false;
    }

    @Override
    public Map<String, List<String>> ownInvariants() {
        String applications = drafts.stream().map(d -> String.valueOf(d.applicationId())).collect(Collectors.joining(", ", "(", ")"));
        Map<Long, String> rows = new LinkedHashMap<>();
        // the sealed bytes must be there too (AES-GCM adds to their length), not the metadata alone
        for (String row : Stores.sql("SELECT d.id, CASE WHEN b.storage_key IS NULL THEN 'no sealed bytes' "
                + "ELSE d.sha256 || '|' || d.size_bytes END FROM application_document d LEFT JOIN document_blob b "
                + "ON b.storage_key = d.storage_key AND length(b.bytes_enc) > d.size_bytes "
                + "WHERE d.deleted_at IS NULL AND d.application_id IN " + applications)) {
            String[] cells = row.split("\\|", 2);
            rows.put(Long.parseLong(cells[0]), cells[1]);
        }
        String expected = sha256 + "|" + settings.kib() * 1024;
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put(DOCUMENTS_STORED, stored.stream().filter(id -> !expected.equals(rows.get(id)))
                .map(id -> "document " + id + ": " + rows.getOrDefault(id, "missing")).toList());
        List<Long> strangers = rows.keySet().stream().filter(id -> !stored.contains(id)).toList();
        found.put(NONE_UNANNOUNCED, strangers.size() <= unanswered.get() ? List.of()
                : List.of(strangers.size() + " documents stored beyond the " + unanswered.get() + " uploads unanswered: " + strangers));
        return found;
    }

    /** A one-person household: the resident, with no income (a draft's form is checked, not yet its eligibility). */
    private static Map<String, Object> household(Residents.Resident r) {
        return Map.of("address", Map.of("streetCode", "NANSHAN", "community", "向南社区", "detail", "南山大道1号"),
                "members", List.of(Map.of("relation", "SELF", "name", Residents.NAME, "idNumber", r.idNumber(),
                        "monthlyIncomeCny", Map.of("wages", 0), "employment", "UNEMPLOYED", "disability", "NONE")),
                "assets", Map.of("depositsCny", 0, "vehicleValuesCny", List.of(), "housingAreaSqm", 40));
    }

    /** A file that is a PDF by its content, of {@code size} bytes. */
    private static byte[] pdf(int size) {
        byte[] pdf = new byte[size];
        Arrays.fill(pdf, (byte) ' ');
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, pdf, 0, head.length);
        System.arraycopy(tail, 0, pdf, size - tail.length, tail.length);
        return pdf;
    }

    private static Buffer multipart(byte[] file) {
        return Buffer.buffer()
                .appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nINCOME_PROOF\r\n")
                .appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .appendBytes(file).appendString("\r\n--" + BOUNDARY + "--\r\n");
    }
}
