package org.minzheng.casework.repository;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.crypto.PersonalDataCipher;

/**
 * Documents' bytes in PostgreSQL ({@code document_blob}), sealed like every other personal field. The
 * storage key is part of the associated data: bytes copied under another key do not open. The store until
 * another {@link DocumentStore} bean replaces it.
 */
@ApplicationScoped
@DefaultBean
public class PostgresDocumentStore implements DocumentStore {

    static final String PURPOSE = "document_blob.bytes_enc:";

    private final PersonalDataCipher cipher;
    private final Clock clock;

    public PostgresDocumentStore(PersonalDataCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Uni<String> put(byte[] bytes) {
        String key = UUID.randomUUID().toString();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO document_blob (storage_key, bytes_enc, created_at) VALUES (:key, :bytes, :at)""")
                .setParameter("key", key).setParameter("bytes", cipher.sealBytes(PURPOSE + key, bytes))
                .setParameter("at", clock.instant()).executeUpdate())
                .replaceWith(key);
    }

    @Override
    public Uni<byte[]> get(String key) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT bytes_enc FROM document_blob WHERE storage_key = :key", byte[].class)
                .setParameter("key", key).getSingleResultOrNull())
                .map(sealed -> sealed == null ? null : cipher.openBytes(PURPOSE + key, sealed));
    }

    @Override
    public Uni<Void> delete(String key) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM document_blob WHERE storage_key = :key")
                .setParameter("key", key).executeUpdate())
                .replaceWithVoid();
    }
}
