package org.minzheng.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minzheng.common.error.DomainException;
import org.minzheng.testsupport.TestIds;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void theStandardsExampleIsValidAndDerivesBirthDateAndSex() {
        IdNumber id = IdNumber.parse("11010519491231002X", TODAY, "idNumber");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(IdNumber.Sex.FEMALE); // 17th digit 2 is even
        assertThat(id.kind()).isEqualTo(IdNumber.Kind.RESIDENT_ID_CARD);
        assertThat(id.ageOn(TODAY)).isEqualTo(76);
    }

    @Test
    void agesTurnOnTheBirthdayAndALeaplingsOnTheTwentyEighthOfACommonYear() {
        LocalDate born = LocalDate.of(1966, 5, 17);
        assertThat(IdNumber.age(born, LocalDate.of(2026, 5, 16))).isEqualTo(59);
        assertThat(IdNumber.age(born, LocalDate.of(2026, 5, 17))).isEqualTo(60);
        LocalDate leapling = LocalDate.of(1956, 2, 29);
        assertThat(IdNumber.age(leapling, LocalDate.of(2026, 2, 27))).isEqualTo(69);
        assertThat(IdNumber.age(leapling, LocalDate.of(2026, 2, 28))).isEqualTo(70);
        assertThat(IdNumber.age(leapling, LocalDate.of(2026, 3, 1))).isEqualTo(70);
        assertThat(IdNumber.age(leapling, LocalDate.of(2028, 2, 28))).isEqualTo(71); // a leap year: the 29th is the birthday
        assertThat(IdNumber.age(leapling, LocalDate.of(2028, 2, 29))).isEqualTo(72);
    }

    @Test
    void oddSeventeenthDigitIsMale() {
        String male = TestIds.of("440305", LocalDate.of(1990, 5, 20), 123);
        assertThat(IdNumber.parse(male, TODAY, "idNumber").sex()).isEqualTo(IdNumber.Sex.MALE);
    }

    @Test
    void lowercaseXAndSpacesAreForgiven() {
        assertThat(IdNumber.parse(" 11010519491231002x ", TODAY, "idNumber").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void residencePermits() {
        assertThat(IdNumber.parse(TestIds.of("810000", LocalDate.of(1985, 3, 3), 11), TODAY, "id").kind())
                .isEqualTo(IdNumber.Kind.HK_MACAO_RESIDENCE_PERMIT);
        assertThat(IdNumber.parse(TestIds.of("820000", LocalDate.of(1985, 3, 3), 11), TODAY, "id").kind())
                .isEqualTo(IdNumber.Kind.HK_MACAO_RESIDENCE_PERMIT);
        assertThat(IdNumber.parse(TestIds.of("830000", LocalDate.of(1985, 3, 3), 12), TODAY, "id").kind())
                .isEqualTo(IdNumber.Kind.TAIWAN_RESIDENCE_PERMIT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "110105194912310021, ID_NUMBER_CHECK_CHARACTER",
            "110105491231002, ID_NUMBER_OLD_FORMAT",
            "1101051949123100, ID_NUMBER_LENGTH",
            "11010519491231002Y, ID_NUMBER_CHARACTERS",
            "1101A519491231002X, ID_NUMBER_CHARACTERS",
            "99010519491231002X, ID_NUMBER_REGION",
            "'', ID_NUMBER_LENGTH",
    })
    void rejectsWithTheWrongPartNamed(String raw, String fieldCode) {
        assertRejected(raw, fieldCode);
    }

    @Test
    void impossibleDates() {
        assertRejected(TestIds.of("440305", LocalDate.of(2000, 1, 1), 1).replace("20000101", "20000230"),
                "ID_NUMBER_BIRTH_DATE");
        assertRejected(TestIds.of("440305", LocalDate.of(1870, 1, 1), 1), "ID_NUMBER_BIRTH_DATE");
    }

    @Test
    void futureBirthDate() {
        assertRejected(TestIds.of("440305", TODAY.plusDays(1), 1), "ID_NUMBER_FUTURE_BIRTH_DATE");
        assertThat(IdNumber.parse(TestIds.of("440305", TODAY, 1), TODAY, "id").birthDate()).isEqualTo(TODAY);
    }

    @Test
    void neverPrintsTheWholeNumber() {
        assertThat(IdNumber.parse("11010519491231002X", TODAY, "id")).hasToString("IdNumber[110105********002X]");
    }

    private static void assertRejected(String raw, String fieldCode) {
        assertThatThrownBy(() -> IdNumber.parse(raw, TODAY, "partner.idNumber"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_ID_NUMBER");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("partner.idNumber");
                        assertThat(f.code()).isEqualTo(fieldCode);
                    });
                });
    }
}
