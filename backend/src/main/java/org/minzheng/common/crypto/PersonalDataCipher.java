package org.minzheng.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;

/**
 * Encrypts personal data per field (Tink AEAD) and computes keyed blind indexes (Tink PRF) so exact
 * matches (one ID number per account) work without storing the plaintext or an unkeyed hash that could
 * be brute-forced over the small space of ID numbers and phones.
 *
 * <p>The {@code column} passed to {@link #seal} is bound as associated data: a ciphertext copied into
 * another column does not decrypt. Blind indexes are per kind of value, not per column, so the same
 * ID number matches across residents, dependants and bookings.
 */
@ApplicationScoped
public class PersonalDataCipher {

    private static final int INDEX_BYTES = 32;

    private final Aead aead;
    private final PrfSet prf;

    public PersonalDataCipher(CryptoConfig config) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            this.aead = parse(config.aeadKeyset()).getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.prf = parse(config.prfKeyset()).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("minzheng.crypto keysets are not valid Tink JSON keysets", e);
        }
    }

    static KeysetHandle parse(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    public byte[] seal(String column, String plaintext) {
        return plaintext == null ? null : sealBytes(column, bytes(plaintext));
    }

    public String open(String column, byte[] ciphertext) {
        return ciphertext == null ? null : new String(openBytes(column, ciphertext), StandardCharsets.UTF_8);
    }

    /** Seals bytes (a scanned document) as {@link #seal} seals text. */
    public byte[] sealBytes(String column, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, bytes(column));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed for " + column, e);
        }
    }

    public byte[] openBytes(String column, byte[] ciphertext) {
        try {
            return aead.decrypt(ciphertext, bytes(column));
        } catch (GeneralSecurityException e) {
            // never include the ciphertext or a guess at the plaintext
            throw new IllegalStateException("decryption failed for " + column, e);
        }
    }

    /** The blind index of a normalised value of one kind ({@code ID_NUMBER}, {@code PHONE}). */
    public byte[] blindIndex(String kind, String normalisedValue) {
        try {
            return prf.computePrimary(bytes(kind + ":" + normalisedValue), INDEX_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed for " + kind, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
