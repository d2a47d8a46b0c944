package org.minzheng.worker;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

import org.eclipse.microprofile.config.Config;
import org.minzheng.wechat.WeChatSafety;

/** Refuses to start the prod profile with WeChat's development credentials or wechat-sim's address. */
@Singleton
public class ProductionSafety {

    /** Before the other start-up observers (the first administrator is made in one); Flyway has migrated by then. */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = WeChatSafety.problems(name -> config.getOptionalValue(name, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }
}
