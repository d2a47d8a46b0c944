package org.minzheng.common.crypto;

import io.smallrye.config.ConfigMapping;

/** Tink keysets (JSON) protecting personal data; in production from a Kubernetes Secret. */
@ConfigMapping(prefix = "minzheng.crypto")
public interface CryptoConfig {

    /** AEAD keyset (e.g. AES256_GCM) encrypting personal fields. */
    String aeadKeyset();

    /** PRF keyset (HMAC_SHA256_PRF) computing blind indexes for exact-match lookups. */
    String prfKeyset();
}
