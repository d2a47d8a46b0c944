package org.minzheng.casework.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * What a document is, as its bytes show (Apache Tika's maintained database of magic numbers). The name and
 * the declared type come from the uploader's device and prove nothing: an executable renamed photo.jpg is
 * still an executable.
 */
@ApplicationScoped
public class ContentSniffer {

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

    /** The media type without parameters; {@code application/octet-stream} when nothing matches. */
    public String mediaType(byte[] content) {
        try {
            // no name in the metadata: the bytes alone decide
            return types.detect(new ByteArrayInputStream(content), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
    }

    /** The usual extension of a media type ({@code .pdf}), or none where Tika knows none. */
    public String extension(String mediaType) {
        try {
            MimeType type = types.getRegisteredMimeType(mediaType);
            return type == null ? "" : type.getExtension();
        } catch (MimeTypeException e) {
            return "";
        }
    }
}
