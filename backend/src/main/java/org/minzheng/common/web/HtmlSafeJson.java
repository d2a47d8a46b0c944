package org.minzheng.common.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every JSON answer escapes {@code < > & '} (and the JavaScript line separators) as {@code \\uXXXX}: the same
 * values to any JSON reader, but a resident's free text that reaches a page, a script or a log viewer without
 * passing a text-only renderer cannot close a tag or a string there.
 */
@Singleton
public class HtmlSafeJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new Escapes());
    }

    private static final class Escapes extends CharacterEscapes {

        private final int[] ascii;

        Escapes() {
            ascii = standardAsciiEscapesForJSON();
            for (char c : new char[] { '<', '>', '&', '\'' }) {
                ascii[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LINE : ch == 0x2029 ? PARAGRAPH : null;
        }

        private static final SerializedString LINE = new SerializedString("\\u2028");
        private static final SerializedString PARAGRAPH = new SerializedString("\\u2029");
    }
}
