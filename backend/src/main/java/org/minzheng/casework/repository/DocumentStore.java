package org.minzheng.casework.repository;

import io.smallrye.mutiny.Uni;

/**
 * Where documents' bytes live, apart from their metadata, so that an object store can take the place of
 * PostgreSQL. Called inside the caller's transaction: a store in the database commits and rolls back with the
 * metadata; one outside may keep an orphan when a transaction rolls back after {@link #put}, never leave
 * metadata without bytes.
 */
public interface DocumentStore {

    /** Keeps the bytes; answers the key to get them by. */
    Uni<String> put(byte[] bytes);

    /** The bytes, or null where the key holds none (removed since its metadata was read). */
    Uni<byte[]> get(String key);

    Uni<Void> delete(String key);
}
