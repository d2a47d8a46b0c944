package org.minzheng.common.error;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Titles and details of problems in zh-CN (the default) or English, from {@code problems.properties}
 * and {@code problems_en.properties}.
 */
@ApplicationScoped
public class ProblemMessages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "problems";
    // Without this, a lookup falls back to the JVM's default locale instead of our zh-CN base bundle.
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** English when the client prefers it, zh-CN otherwise. */
    public Locale localeFor(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if (locale.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
            if (locale.getLanguage().equals("zh")) {
                return CHINESE;
            }
        }
        return CHINESE;
    }

    public String title(String code, Locale locale) {
        return text("problem." + code + ".title", locale, new Object[0]);
    }

    public String detail(String code, Locale locale, Object... args) {
        return text("problem." + code + ".detail", locale, args);
    }

    /** The message of a field error code, e.g. {@code field.ID_NUMBER_CHECK_CHARACTER.message}. */
    public String fieldMessage(String code, Locale locale) {
        return text("field." + code, locale, new Object[0]);
    }

    private String text(String key, Locale locale, Object[] args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH.equals(locale) ? Locale.ENGLISH : Locale.ROOT,
                NO_FALLBACK);
        try {
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
