package org.minzheng.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ProductionSafetyTest {

    private static final String PROD_AEAD = "{\"primaryKeyId\":77,\"key\":[{\"keyId\":77}]}";
    private static final String PROD_PRF = "{\"primaryKeyId\":78,\"key\":[{\"keyId\":78}]}";

    private static Map<String, String> productionLike() {
        Map<String, String> settings = new HashMap<>();
        settings.put("minzheng.crypto.aead-keyset", PROD_AEAD);
        settings.put("minzheng.crypto.prf-keyset", PROD_PRF);
        settings.put("smallrye.jwt.sign.key", "-----BEGIN PRIVATE KEY-----...");
        settings.put("mp.jwt.verify.publickey", "-----BEGIN PUBLIC KEY-----...");
        settings.put("minzheng.wechat.appid", "wx0123456789abcdef");
        settings.put("minzheng.wechat.secret", "a-real-secret-from-the-console");
        settings.put("quarkus.rest-client.wechat.url", "https://api.weixin.qq.com");
        settings.put("minzheng.identity.bootstrap-admin.password", "a-long-and-unguessable-one");
        return settings;
    }

    /** application.properties as committed, with its development and test values. */
    private static Properties committedSettings() throws java.io.IOException {
        Properties settings = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            settings.load(in);
        }
        return settings;
    }

    private static java.util.List<String> problems(Map<String, String> settings) {
        return ProductionSafety.problems(name -> Optional.ofNullable(settings.get(name)), settings.keySet());
    }

    @Test
    void productionKeysPass() {
        assertThat(problems(productionLike())).isEmpty();
    }

    @Test
    void theCommittedDevKeysetsAreRefused() throws Exception {
        Properties dev = committedSettings();
        Map<String, String> settings = productionLike();
        settings.put("minzheng.crypto.aead-keyset", dev.getProperty("%dev,test.minzheng.crypto.aead-keyset"));
        settings.put("minzheng.crypto.prf-keyset", dev.getProperty("%dev,test.minzheng.crypto.prf-keyset"));
        assertThat(problems(settings)).hasSize(2).allMatch(p -> p.contains("development keyset"));
    }

    @Test
    void theCommittedDevJwtKeysAreRefused() {
        Map<String, String> settings = productionLike();
        settings.remove("smallrye.jwt.sign.key");
        settings.remove("mp.jwt.verify.publickey");
        settings.put("smallrye.jwt.sign.key.location", "dev/jwt-private.pem");
        settings.put("mp.jwt.verify.publickey.location", "classpath:dev/jwt-public.pem");
        assertThat(problems(settings)).hasSize(2).allMatch(p -> p.contains("development key"));
    }

    @Test
    void missingKeysAreRefused() {
        assertThat(problems(new HashMap<>())).hasSize(5).anyMatch(p -> p.startsWith("quarkus.rest-client.wechat.url"));
    }

    @Test
    void weChatsDevelopmentCredentialsAndWechatSimAreRefused() throws Exception {
        Properties dev = committedSettings();
        Map<String, String> settings = productionLike();
        settings.put("minzheng.wechat.appid", dev.getProperty("%dev,test.minzheng.wechat.appid"));
        assertThat(problems(settings)).containsExactly("minzheng.wechat.appid is the development appid");
        settings = productionLike();
        settings.put("minzheng.wechat.secret", dev.getProperty("%dev,test.minzheng.wechat.secret"));
        assertThat(problems(settings)).containsExactly("minzheng.wechat.secret is the committed development secret");
        for (String url : java.util.List.of(dev.getProperty("quarkus.rest-client.wechat.url"), "http://api.weixin.qq.com",
                "https://localhost:8090", "https://wechat-sim.minzheng.svc:8090", "https://127.0.0.2", "not a url")) {
            settings = productionLike();
            settings.put("quarkus.rest-client.wechat.url", url);
            assertThat(problems(settings)).as(url).singleElement().asString().startsWith("quarkus.rest-client.wechat.url");
        }
    }

    @Test
    void aCommittedOrShortPasswordForTheFirstAdministratorIsRefused() throws Exception {
        Properties dev = committedSettings();
        for (String password : java.util.List.of(dev.getProperty("%test.minzheng.identity.bootstrap-admin.password"), "short")) {
            Map<String, String> settings = productionLike();
            settings.put("minzheng.identity.bootstrap-admin.password", password);
            assertThat(problems(settings)).as(password).singleElement().asString().contains("bootstrap-admin.password");
        }
        Map<String, String> none = productionLike();
        none.remove("minzheng.identity.bootstrap-admin.password"); // no first administrator to make: nothing to refuse
        assertThat(problems(none)).isEmpty();
    }

    @Test
    void theCommittedTemplateIdsAreRefusedTheMiniProgramsOwnPass() throws Exception {
        Map<String, String> settings = productionLike();
        Properties committed = committedSettings();
        committed.stringPropertyNames().stream().filter(n -> n.startsWith("minzheng.notify.templates."))
                .forEach(n -> settings.put(n, committed.getProperty(n)));
        java.util.List<String> ids = settings.keySet().stream().filter(n -> n.endsWith(".template-id")).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
        assertThat(problems(settings)).hasSize(ids.size()).allMatch(p -> p.endsWith("is a development or placeholder template id"));

        ids.forEach(n -> settings.put(n, "<template id of this message from the mini-program console>"));
        assertThat(problems(settings)).as("the k8s template's placeholders").hasSize(ids.size());
        ids.forEach(n -> settings.put(n, "Xyz" + n.hashCode() + "-kJ8sN2vQeR0aT5"));
        assertThat(problems(settings)).isEmpty();
    }
}
