package org.minzheng.notify.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.minzheng.notify.Outbox;
import org.minzheng.notify.config.NotifyConfig;

/** Turns a message's data into the WeChat subscribe-message it becomes, values cut to their types. */
@ApplicationScoped
public class TemplateCatalogue {

    /** What the worker sends: WeChat's {@code template_id}, {@code page} and {@code data}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rendered(@JsonProperty("template_id") String templateId, String page,
            Map<String, Map<String, String>> data) {
    }

    private final NotifyConfig config;

    public TemplateCatalogue(NotifyConfig config) {
        this.config = config;
    }

    /**
     * Empty when no WeChat template is configured for the key, or the message is {@link Outbox#DISCREET}: such
     * messages stay in the inbox only.
     */
    public Optional<Rendered> render(String templateKey, Map<String, Object> data) {
        NotifyConfig.Template template = config.templates().get(templateKey);
        if (template == null || Boolean.TRUE.equals(data.get(Outbox.DISCREET))) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        template.fields().forEach((name, field) -> {
            Object value = data.get(field.from());
            fields.put(name, Map.of("value", field.type().fit(value == null ? "" : value.toString())));
        });
        String page = template.page().map(p -> fill(p, data)).orElse(null);
        return Optional.of(new Rendered(template.templateId(), page, fields));
    }

    private static String fill(String page, Map<String, Object> data) {
        String filled = page;
        for (Map.Entry<String, Object> e : data.entrySet()) {
            filled = filled.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return filled;
    }
}
