package org.minzheng.casework.service;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import org.minzheng.casework.Application;
import org.minzheng.casework.ApplicationDocument;
import org.minzheng.casework.DocumentRules;
import org.minzheng.casework.config.DocumentsConfig;
import org.minzheng.casework.repository.ApplicationDocumentRepository;
import org.minzheng.casework.repository.ApplicationRepository;
import org.minzheng.casework.repository.DocumentStore;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.identity.service.Principal;

/**
 * Documents on applications. The applicant adds and removes them while the application is theirs to edit
 * (a draft, or returned for a supplement), within the type's {@link DocumentRules}: a file is taken for what
 * its bytes are. The applicant and staff who see the application list and download them; every download and
 * every change is audited. The bytes go to the {@link DocumentStore}, the metadata to application_document.
 */
@ApplicationScoped
public class Documents {

    private static final long MIB = 1024 * 1024;
    private static final int READ_STEP = 64 * 1024;
    /** The replica's lock on holding a document's bytes (Vert.x' local locks are granted in the order asked). */
    public static final String IN_MEMORY = "minzheng.document-in-memory";

    public record DocumentView(long id, String kind, String mediaType, long sizeBytes, String sha256, Instant uploadedAt) {
    }

    /** A document as downloaded; {@code fileName} is made up from its id and type (names are not kept). */
    public record Download(String mediaType, String fileName, byte[] bytes) {

        @Override
        public String toString() {
            return "Download[" + mediaType + ", " + bytes.length + " bytes]"; // never the bytes
        }
    }

    /** An uploaded file as read, with what its bytes show. */
    private record Received(byte[] bytes, String mediaType, String sha256) {
    }

    private final ApplicationRepository applications;
    private final ApplicationDocumentRepository documents;
    private final Applications engine;
    private final ApplicationTypes types;
    private final DocumentStore store;
    private final ContentSniffer sniffer;
    private final AuditLog audit;
    private final Vertx vertx;
    private final DocumentsConfig config;
    private final Clock clock;

    public Documents(ApplicationRepository applications, ApplicationDocumentRepository documents, Applications engine,
            ApplicationTypes types, DocumentStore store, ContentSniffer sniffer, AuditLog audit, Vertx vertx,
            DocumentsConfig config, Clock clock) {
        this.applications = applications;
        this.documents = documents;
        this.engine = engine;
        this.types = types;
        this.store = store;
        this.sniffer = sniffer;
        this.audit = audit;
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Adds the uploaded {@code file} ({@code size} bytes) to the resident's application. In the replica's turn to hold
     * a document's bytes ({@link #inMemory}), the file is read, hashed and sniffed, off the event loop and outside any
     * transaction; then the application stays locked from the count to the insert, so parallel uploads never pass the
     * type's count.
     */
    public Uni<DocumentView> upload(long residentId, long applicationId, String kind, Path file, long size) {
        return Panache.withSession(() -> editable(residentId, applicationId, false))
                .invoke(app -> requireAcceptable(types.of(app.type).documentRules(), kind, size))
                .chain(() -> inMemory(() -> vertx.executeBlocking(() -> receive(file), false)
                        .flatMap(received -> add(residentId, applicationId, kind, received))))
                .map(Documents::view);
    }

    /** The received file added to the application, locked from the count to the insert. */
    private Uni<ApplicationDocument> add(long residentId, long applicationId, String kind, Received received) {
        return Panache.withTransaction(() -> editable(residentId, applicationId, true).flatMap(app -> {
            DocumentRules rules = types.of(app.type).documentRules();
            if (!rules.mediaTypes().contains(received.mediaType())) {
                throw new DomainException(415, "UNSUPPORTED_DOCUMENT_TYPE", received.mediaType(),
                        String.join(", ", new TreeSet<>(rules.mediaTypes())));
            }
            return documents.countCurrent(app.id)
                    .flatMap(count -> {
                        if (count >= rules.maxCount()) {
                            throw new DomainException(409, "TOO_MANY_DOCUMENTS", rules.maxCount());
                        }
                        return store.put(received.bytes());
                    })
                    .flatMap(key -> documents.persistAndFlush(document(app, kind, received, key, residentId)))
                    .call(doc -> audit.record(Actor.resident(residentId), "DOCUMENT_UPLOADED", subject(doc), null));
        }));
    }

    /** The documents of an application the reader sees (its applicant; staff in its jurisdiction), oldest first. */
    public Uni<List<DocumentView>> list(Principal reader, long applicationId) {
        return Panache.withSession(() -> applications.findById(applicationId).map(app -> engine.visible(reader, app))
                .flatMap(app -> documents.currentOf(app.id)))
                .map(list -> list.stream().map(Documents::view).toList());
    }

    /** One document's bytes for a reader who sees the application; the download is audited. */
    public Uni<Download> download(Principal reader, long applicationId, long documentId) {
        Actor actor = reader.kind() == Principal.Kind.RESIDENT ? Actor.resident(reader.id()) : Actor.staff(reader.id());
        return inMemory(() -> Panache.withTransaction(() -> applications.findById(applicationId)
                .map(app -> engine.visible(reader, app))
                .flatMap(app -> current(app, documentId))
                .flatMap(doc -> store.get(doc.storageKey).onItem().ifNull().failWith(Documents::documentNotFound)
                        .map(bytes -> new Download(doc.mediaType, "document-" + doc.id + sniffer.extension(doc.mediaType),
                                bytes)))
                .call(() -> audit.record(actor, "DOCUMENT_DOWNLOADED", subject(applicationId, documentId), null))));
    }

    /** The applicant removes a document while the application is theirs to edit; its bytes go with it. */
    public Uni<Void> delete(long residentId, long applicationId, long documentId) {
        return Panache.withTransaction(() -> editable(residentId, applicationId, true)
                .flatMap(app -> current(app, documentId))
                .call(doc -> {
                    doc.deletedAt = clock.instant();
                    return store.delete(doc.storageKey);
                })
                .call(doc -> audit.record(Actor.resident(residentId), "DOCUMENT_DELETED", subject(doc), null)))
                .replaceWithVoid();
    }

    /**
     * Runs {@code work}, which holds a document's bytes in the heap (up to 10 MiB, about three times over while read,
     * sealed and bound to its statement, or fetched and opened), once no other upload or download of this replica does:
     * with many at once a small heap would run out and the pod restart mid-request. It waits its turn for
     * {@code minzheng.documents.queue-wait} at most, then is answered 503 {@code SERVICE_BUSY} with nothing done. A
     * download's opened bytes outlive its turn: the response copies them into a direct buffer until the client has read
     * them, bounded by the JVM's direct memory (the heap's size), where a further download fails rather than the pod.
     */
    private <T> Uni<T> inMemory(Supplier<Uni<T>> work) {
        return vertx.sharedData().getLocalLockWithTimeout(IN_MEMORY, config.queueWait().toMillis())
                .onFailure().transform(timedOut -> DomainException.serviceBusy())
                .flatMap(lock -> Uni.createFrom().deferred(work::get).onTermination().invoke(lock::release));
    }

    /** The resident's own application (locked when asked), while its documents may change: 404 for others', else 409. */
    private Uni<Application> editable(long residentId, long applicationId, boolean lock) {
        var query = applications.find("id = ?1 AND applicantId = ?2", applicationId, residentId);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult()
                .onItem().ifNull().failWith(Applications::notFound)
                .invoke(app -> {
                    if (!Applications.editable(types.of(app.type).workflow(), app.status)) {
                        throw new DomainException(409, "NOT_EDITABLE", app.status);
                    }
                });
    }

    private Uni<ApplicationDocument> current(Application app, long documentId) {
        return documents.current(app.id, documentId).onItem().ifNull().failWith(Documents::documentNotFound);
    }

    private static DomainException documentNotFound() {
        return new DomainException(404, "DOCUMENT_NOT_FOUND");
    }

    /** The checks the upload's declared size and chosen kind allow before its bytes are read. */
    private static void requireAcceptable(DocumentRules rules, String kind, long size) {
        if (!rules.acceptsKind(kind)) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("kind", "DOCUMENT_KIND_NOT_ACCEPTED", null)), Map.of());
        }
        if (size == 0) {
            throw new DomainException(400, "EMPTY_DOCUMENT");
        }
        if (size > rules.maxBytes()) {
            throw new DomainException(413, "DOCUMENT_TOO_LARGE", mebibytes(rules.maxBytes()));
        }
    }

    private Received receive(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = read(file);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Received(bytes, sniffer.mediaType(bytes), sha256);
    }

    /**
     * The spooled file, read {@value #READ_STEP} bytes at a time: one read of the whole file (as {@code Files.readAllBytes}
     * does) has the JDK copy it through a temporary direct buffer of its size, which each worker thread then keeps
     * cached, 10 MiB a thread, outside the heap.
     */
    private static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            byte[] bytes = new byte[Math.toIntExact(channel.size())];
            ByteBuffer into = ByteBuffer.wrap(bytes);
            while (into.position() < bytes.length) {
                into.limit(Math.min(bytes.length, into.position() + READ_STEP));
                if (channel.read(into) < 0) {
                    throw new EOFException("the spooled upload ended before its size");
                }
            }
            return bytes;
        }
    }

    private ApplicationDocument document(Application app, String kind, Received received, String key, long residentId) {
        ApplicationDocument doc = new ApplicationDocument();
        doc.applicationId = app.id;
        doc.kind = kind;
        doc.mediaType = received.mediaType();
        doc.sizeBytes = received.bytes().length;
        doc.sha256 = received.sha256();
        doc.storageKey = key;
        doc.uploadedByKind = Principal.Kind.RESIDENT.name();
        doc.uploadedById = residentId;
        doc.uploadedAt = clock.instant();
        return doc;
    }

    private static DocumentView view(ApplicationDocument doc) {
        return new DocumentView(doc.id, doc.kind, doc.mediaType, doc.sizeBytes, doc.sha256, doc.uploadedAt);
    }

    private static String subject(ApplicationDocument doc) {
        return subject(doc.applicationId, doc.id);
    }

    private static String subject(long applicationId, long documentId) {
        return "application:" + applicationId + "/document:" + documentId;
    }

    /** 10485760 → "10", for messages. */
    private static String mebibytes(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MIB), 1, RoundingMode.DOWN).stripTrailingZeros()
                .toPlainString();
    }
}
