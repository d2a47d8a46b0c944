package org.minzheng.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReferenceCodeTest {

    @Test
    void generatedCodesParseAndUseOnlyTheUnambiguousAlphabet() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = ReferenceCode.next();
            assertThat(code).hasSize(8).doesNotContain("0", "O", "1", "I");
            assertThat(ReferenceCode.parse(code)).contains(code);
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(1_990);
    }

    @Test
    void typingIsForgivenButMistakesAreCaught() {
        String code = ReferenceCode.next();
        assertThat(ReferenceCode.parse(code.toLowerCase())).contains(code);
        assertThat(ReferenceCode.parse(code.substring(0, 4) + "-" + code.substring(4))).contains(code);
        // every single-character substitution is detected by the check character
        for (int i = 0; i < code.length(); i++) {
            for (char c : ReferenceCode.ALPHABET.toCharArray()) {
                if (c != code.charAt(i)) {
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(ReferenceCode.parse(typo)).as(typo).isEmpty();
                }
            }
        }
        assertThat(ReferenceCode.parse("ABC")).isEmpty();
        assertThat(ReferenceCode.parse(null)).isEmpty();
    }
}
