package org.minzheng.identity.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "minzheng.identity")
public interface IdentityConfig {

    Tokens tokens();

    StaffLockout staffLockout();

    BootstrapAdmin bootstrapAdmin();

    interface Tokens {
        /** The {@code iss} of every token; must equal {@code mp.jwt.verify.issuer}. */
        @WithDefault("minzheng")
        String issuer();

        @WithDefault("minzheng-api")
        String audience();

        @WithDefault("PT30M")
        Duration residentAccessTtl();

        @WithDefault("PT30M")
        Duration staffAccessTtl();

        /** A refresh token unused for this long expires; using one issues a new one with a fresh expiry. */
        @WithDefault("P30D")
        Duration residentRefreshTtl();

        @WithDefault("PT12H")
        Duration staffRefreshTtl();
    }

    interface StaffLockout {
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT15M")
        Duration lockFor();
    }

    /** The first administrator, created at start-up when no active administrator exists. */
    interface BootstrapAdmin {
        @WithDefault("admin")
        String username();

        /** From a Secret in production; no default. Without it no administrator is created. */
        Optional<String> password();
    }
}
