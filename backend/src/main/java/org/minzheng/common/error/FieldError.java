package org.minzheng.common.error;

/** One invalid field of a request: where, a stable machine code, and a localised message. */
public record FieldError(String field, String code, String message) {
}
