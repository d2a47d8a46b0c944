package org.minzheng.casework.config;

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
}
