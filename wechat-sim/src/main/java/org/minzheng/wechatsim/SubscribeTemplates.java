package org.minzheng.wechatsim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Singleton;

/**
 * The mini-program's subscribe-message templates (from {@code wechat-sim.templates}) and WeChat's check
 * of a message's data against its template.
 */
@Singleton
public class SubscribeTemplates {

    private final WechatSimConfig config;

    SubscribeTemplates(WechatSimConfig config) {
        this.config = config;
    }

    boolean exists(String templateId) {
        return templateId != null && config.templates().containsKey(templateId);
    }

    /**
     * What is wrong with the data for an existing template, in WeChat's errmsg words without the
     * "argument invalid! " ({@code data.thing1.value exceeds limit}); empty if nothing. Keywords are
     * checked in name order so the same message always names the same keyword.
     */
    Optional<String> problemWith(String templateId, Map<String, SubscribeMessage.DataItem> data) {
        Map<String, FieldType> fields = new TreeMap<>(config.templates().get(templateId).fields());
        Map<String, SubscribeMessage.DataItem> sent = data == null ? Map.of() : data;
        for (String key : new TreeSet<>(sent.keySet())) {
            if (!fields.containsKey(key)) {
                return Optional.of("data." + key + " is not in the template");
            }
        }
        for (var field : fields.entrySet()) {
            String name = field.getKey();
            if (!sent.containsKey(name)) {
                return Optional.of("data." + name + " is missing");
            }
            SubscribeMessage.DataItem item = sent.get(name);
            var refusal = field.getValue().refusal(item == null ? null : item.value());
            if (refusal.isPresent()) {
                return Optional.of("data." + name + ".value " + refusal.get().words());
            }
        }
        return Optional.empty();
    }
}
