package org.minzheng.notify.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Notification settings, including the template catalogue: template key (e.g. {@code BOOKING_CONFIRMED})
 * → the WeChat subscribe-message template, its page, and which message data fills which field.
 */
@ConfigMapping(prefix = "minzheng.notify")
public interface NotifyConfig {

    /** How often each replica relays outbox rows to the stream. */
    @WithDefault("1s")
    String relayEvery();

    /** When the day-before reminders are queued (Quarkus cron, Asia/Shanghai). */
    @WithDefault("0 0 18 * * ?")
    String reminderCron();

    Map<String, Template> templates();

    interface Template {
        /** The template id from the WeChat admin console. */
        String templateId();

        /** The mini-program page a tap opens; {bookingId} and other data keys are filled in. */
        Optional<String> page();

        /** WeChat field name (e.g. {@code thing1}) → how to fill it. */
        Map<String, Field> fields();
    }

    interface Field {
        WeChatFieldType type();

        /** The message data key the value comes from. */
        String from();
    }
}
