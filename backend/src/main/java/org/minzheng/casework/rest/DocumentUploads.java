package org.minzheng.casework.rest;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpMethod;

import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.config.DocumentsConfig;
import org.minzheng.casework.service.ApplicationTypes;
import org.minzheng.common.web.LargeBodyRoute;

/** Document uploads are the one request allowed a body of up to {@code minzheng.documents.max-request-size}. */
@ApplicationScoped
public class DocumentUploads {

    /** Boundaries, part headers and the kind around the file: a few hundred bytes, with room to spare. */
    private static final long MULTIPART_FRAMING = 64 * 1024;

    @Produces
    @Singleton
    LargeBodyRoute uploadRoute(DocumentsConfig config, ApplicationTypes types) {
        long max = config.maxRequestSize().asLongValue();
        long largestFile = types.all().stream().mapToLong(t -> t.documentRules().maxBytes()).max().orElse(0);
        if (largestFile + MULTIPART_FRAMING > max) {
            // a type's own limit would never be reached: the request would be refused as too large first
            throw new IllegalStateException("minzheng.documents.max-request-size is too small for the documents of "
                    + types.all().stream().filter(t -> t.documentRules().maxBytes() == largestFile)
                            .map(ApplicationType::type).toList());
        }
        return new LargeBodyRoute(HttpMethod.POST,
                Pattern.compile(MyApplicationDocumentsResource.PATH.replace("{id}", "[0-9]+")), max);
    }
}
