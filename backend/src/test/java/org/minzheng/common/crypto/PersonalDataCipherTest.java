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
    void blindIndexIsStablePerKindAndKeyed() {
        assertThat(cipher.blindIndex("ID_NUMBER", "11010519491231002X"))
                .isEqualTo(cipher.blindIndex("ID_NUMBER", "11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("PHONE", "11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("ID_NUMBER", "110105194912310038"))
                .hasSize(32);
    }
}
