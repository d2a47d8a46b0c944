package org.minzheng.casework.service;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** A field of a form named as its errors name it: {@code members[1].idNumber}, {@code address.detail}. */
final class FormPath {

    static final String SYNTAX = "^[A-Za-z][A-Za-z0-9]{0,39}(\\[[0-9]{1,3}\\])?(\\.[A-Za-z][A-Za-z0-9]{0,39}(\\[[0-9]{1,3}\\])?){0,5}$";
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[([0-9]+)\\])?");

    private FormPath() {
    }

    /** The text at the path; 404 {@code FIELD_NOT_SET} when the form has nothing there or not a single value. */
    static String valueAt(Map<String, Object> form, String path) {
        if (path == null || !path.matches(SYNTAX)) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("field", "INVALID_FIELD_PATH", null)),
                    Map.of());
        }
        Object at = form;
        for (String segment : path.split("\\.")) {
            Matcher m = SEGMENT.matcher(segment);
            m.matches();
            at = at instanceof Map<?, ?> map ? map.get(m.group(1)) : null;
            if (m.group(2) != null) {
                int index = Integer.parseInt(m.group(2));
                at = at instanceof List<?> list && index < list.size() ? list.get(index) : null;
            }
        }
        if (at == null || at instanceof Map || at instanceof List) {
            throw new DomainException(404, "FIELD_NOT_SET");
        }
        return at.toString();
    }
}
