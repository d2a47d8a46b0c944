package org.minzheng.casework.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The bytes decide what a document is; Tika's database knows the usual types and the dangerous ones. */
class ContentSnifferTest {

    private final ContentSniffer sniffer = new ContentSniffer();

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void documentsAndImagesAreKnownByTheirMagicNumbers() {
        assertThat(sniffer.mediaType("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/pdf");
        assertThat(sniffer.mediaType(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0))).isEqualTo("image/jpeg");
        assertThat(sniffer.mediaType(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo("image/png");
    }

    @Test
    void executablesAndMarkupAreNotMistakenForDocuments() {
        byte[] windows = new byte[256];
        windows[0] = 'M';
        windows[1] = 'Z';
        assertThat(sniffer.mediaType(windows)).isEqualTo("application/x-msdownload");
        byte[] linux = bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0); // e_type 2: executable
        assertThat(sniffer.mediaType(linux)).isEqualTo("application/x-executable");
        assertThat(sniffer.mediaType("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/html");
        assertThat(sniffer.mediaType(new byte[] { 1, 2, 3 })).isEqualTo("application/octet-stream");
    }

    @Test
    void aMediaTypeHasItsUsualExtension() {
        assertThat(sniffer.extension("application/pdf")).isEqualTo(".pdf");
        assertThat(sniffer.extension("image/jpeg")).isEqualTo(".jpg");
        assertThat(sniffer.extension("application/x-unheard-of")).isEmpty();
    }
}
