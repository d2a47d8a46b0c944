package org.minzheng.casework.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "minzheng.documents")
public interface DocumentsConfig {

    /**
     * The largest document upload request: the largest file an application type takes (its
     * {@code DocumentRules.maxBytes}) and the multipart framing around it. Every other request body stays
     * within {@code minzheng.http.max-body-size}.
     */
    MemorySize maxRequestSize();

    /**
     * How long an upload or a download waits for the replica's turn to hold a document's bytes before it is answered
     * 503 {@code SERVICE_BUSY}: one at a time, so a few large ones at once cannot exhaust a small heap.
     */
    Duration queueWait();
}
