// Writes fresh Tink keysets for MINZHENG_CRYPTO_AEAD_KEYSET and MINZHENG_CRYPTO_PRF_KEYSET into the current
// directory, of the kinds the backend reads (AES-256-GCM; HMAC-SHA256 PRF). Run it as ../README.md says.
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.file.Files;
import java.nio.file.Path;

com.google.crypto.tink.aead.AeadConfig.register();
com.google.crypto.tink.prf.PrfConfig.register();
void write(String file, String template) throws Exception {
    // CREATE_NEW: never replaces a keyset that may already protect data
    Files.writeString(Path.of(file), TinkJsonProtoKeysetFormat.serializeKeyset(
            KeysetHandle.generateNew(KeyTemplates.get(template)), InsecureSecretKeyAccess.get()),
            java.nio.file.StandardOpenOption.CREATE_NEW);
    System.out.println("wrote " + file);
}
write("aead-keyset.json", "AES256_GCM");
write("prf-keyset.json", "HMAC_SHA256_PRF");
/exit
