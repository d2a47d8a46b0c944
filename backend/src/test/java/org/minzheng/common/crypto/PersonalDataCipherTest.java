package org.minzheng.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PersonalDataCipherTest {

    @Inject
    PersonalDataCipher cipher;

    @Test
    void roundTripAndFreshNoncePerEncryption() {
        byte[] a = cipher.seal("resident.name", "张三");
        byte[] b = cipher.seal("resident.name", "张三");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.open("resident.name", a)).isEqualTo("张三");
    }

    @Test
    void aCiphertextMovedToAnotherColumnDoesNotOpen() {
        byte[] name = cipher.seal("resident.name", "张三");
        assertThatThrownBy(() -> cipher.open("dependant.name", name)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("张三");
    }

    @Test
    void bytesRoundTripAndOpenOnlyWhereTheyWereSealed() {
        byte[] scan = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F' };
        byte[] sealed = cipher.sealBytes("document_blob.bytes_enc:a", scan);
        assertThat(sealed).isNotEqualTo(cipher.sealBytes("document_blob.bytes_enc:a", scan));
        assertThat(cipher.openBytes("document_blob.bytes_enc:a", sealed)).isEqualTo(scan);
        assertThatThrownBy(() -> cipher.openBytes("document_blob.bytes_enc:b", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blindIndexIsStablePerKindAndKeyed() {
        assertThat(cipher.blindIndex("ID_NUMBER", "11010519491231002X"))
                .isEqualTo(cipher.blindIndex("ID_NUMBER", "11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("PHONE", "11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("ID_NUMBER", "110105194912310038"))
                .hasSize(32);
    }
}
