package org.minzheng.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minzheng.testsupport.PackagedBackend;
import org.minzheng.testsupport.ServicesEnv;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/**
 * The packaged jar in the prod profile: with freshly made production secrets it starts and becomes ready;
 * with any one development value or missing secret in their place it refuses to start, naming the setting.
 */
class ProductionRefusalIT {

    private static Map<String, String> production;

    /** Production secrets made here, as an operator would (never committed); the test database and Redis. */
    @BeforeAll
    static void productionSecrets() throws Exception {
        AeadConfig.register();
        PrfConfig.register();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair jwt = rsa.generateKeyPair();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        production = new HashMap<>();
        production.put("MINZHENG_CRYPTO_AEAD_KEYSET", TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
        production.put("MINZHENG_CRYPTO_PRF_KEYSET", TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF), InsecureSecretKeyAccess.get()));
        production.put("SMALLRYE_JWT_SIGN_KEY", pem("PRIVATE KEY", jwt.getPrivate().getEncoded()));
        production.put("MP_JWT_VERIFY_PUBLICKEY", pem("PUBLIC KEY", jwt.getPublic().getEncoded()));
        production.put("MINZHENG_WECHAT_APPID", "wx0a1b2c3d4e5f6a7b");
        production.put("MINZHENG_WECHAT_SECRET", Base64.getUrlEncoder().encodeToString(secret));
        // https and not local: what production needs; .invalid: nothing is ever sent there
        production.put("QUARKUS_REST_CLIENT_WECHAT_URL", "https://wechat-api.example.invalid");
        production.put("MINZHENG_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", java.util.UUID.randomUUID().toString());
        // the mini-program's own subscribe-message template ids, one per message type
        for (String name : committed().stringPropertyNames()) {
            if (name.matches("minzheng\\.notify\\.templates\\.[A-Z_]+\\.template-id")) {
                production.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
                        "tmpl" + Integer.toHexString(name.hashCode()) + "AbCdEfGh");
            }
        }
        production.put("QUARKUS_DATASOURCE_REACTIVE_URL", ServicesEnv.env("_TEST_QUARKUS_DATASOURCE_REACTIVE_URL"));
        production.put("QUARKUS_DATASOURCE_JDBC_URL", ServicesEnv.env("_TEST_QUARKUS_DATASOURCE_JDBC_URL"));
        production.put("QUARKUS_REDIS_HOSTS", ServicesEnv.env("_TEST_QUARKUS_REDIS_HOSTS"));
    }

    /** application.properties as committed, with its development and test values. */
    private static Properties committed() throws IOException {
        Properties committed = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            committed.load(in);
        }
        return committed;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void startsWithProductionSecrets() throws InterruptedException {
        PackagedBackend backend = prod("safe", settings -> { });
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> given().baseUri(backend.url()).get("/q/health/ready").statusCode() == 200);
            assertThat(given().baseUri(backend.url()).get("/q/swagger-ui").statusCode()).as("no Swagger UI in prod")
                    .isEqualTo(404);
            backend.terminate();
            assertThat(backend.awaitExit(Duration.ofSeconds(40))).isIn(0, 143);
        } finally {
            backend.kill();
        }
    }

    @Test
    void refusesEveryDevelopmentValueNamingEachSetting() throws Exception {
        Properties committed = committed();
        PackagedBackend backend = prod("development-values", s -> {
            s.put("MINZHENG_CRYPTO_AEAD_KEYSET", committed.getProperty("%dev,test.minzheng.crypto.aead-keyset"));
            s.put("MINZHENG_CRYPTO_PRF_KEYSET", committed.getProperty("%dev,test.minzheng.crypto.prf-keyset"));
            s.remove("SMALLRYE_JWT_SIGN_KEY");
            s.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", committed.getProperty("%dev,test.smallrye.jwt.sign.key.location"));
            s.put("MINZHENG_WECHAT_APPID", committed.getProperty("%dev,test.minzheng.wechat.appid"));
            s.put("MINZHENG_WECHAT_SECRET", committed.getProperty("%dev,test.minzheng.wechat.secret"));
            s.put("QUARKUS_REST_CLIENT_WECHAT_URL", "http://127.0.0.1:8090");
            s.put("MINZHENG_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", committed.getProperty("%test.minzheng.identity.bootstrap-admin.password"));
            s.remove("MINZHENG_NOTIFY_TEMPLATES_BOOKING_CONFIRMED_TEMPLATE_ID");
        });
        assertThat(backend.awaitExit(Duration.ofSeconds(90))).as("exits with an error").isNotIn(0, 143);
        assertThat(backend.output()).contains("Refusing to start in production",
                "minzheng.crypto.aead-keyset is the committed development keyset",
                "minzheng.crypto.prf-keyset is the committed development keyset",
                "smallrye.jwt.sign.key.location is the committed development key",
                "minzheng.wechat.appid is the development appid",
                "minzheng.wechat.secret is the committed development secret",
                "quarkus.rest-client.wechat.url must be WeChat's https API",
                "minzheng.identity.bootstrap-admin.password is a development or too short password",
                "minzheng.notify.templates.BOOKING_CONFIRMED.template-id is a development or placeholder template id");
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({ "MINZHENG_CRYPTO_AEAD_KEYSET, minzheng.crypto.aead-keyset", "MP_JWT_VERIFY_PUBLICKEY, no JWT verification key" })
    void refusesToStartWithoutASecretNamingIt(String variable, String named) throws InterruptedException {
        PackagedBackend backend = prod("without-" + variable, s -> s.remove(variable));
        assertThat(backend.awaitExit(Duration.ofSeconds(90))).as("exits with an error").isNotIn(0, 143);
        assertThat(backend.output()).contains(named);
    }

    private static PackagedBackend prod(String name, Consumer<Map<String, String>> change) {
        Map<String, String> environment = new HashMap<>(production);
        change.accept(environment);
        return PackagedBackend.launch("prod-" + name, "prod", Map.of(), environment);
    }
}
