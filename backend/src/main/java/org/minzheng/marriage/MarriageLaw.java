package org.minzheng.marriage;

import java.time.LocalDate;
import java.time.Period;

import org.minzheng.identity.IdNumber;

/** What 婚姻登记条例 (effective 2025-05-10) fixes: who may marry, by age and by sex. */
public final class MarriageLaw {

    public static final int MALE_MINIMUM_AGE = 22;
    public static final int FEMALE_MINIMUM_AGE = 20;

    private MarriageLaw() {
    }

    public static int minimumAge(IdNumber.Sex sex) {
        return sex == IdNumber.Sex.MALE ? MALE_MINIMUM_AGE : FEMALE_MINIMUM_AGE;
    }

    /** Of legal age on that day: the birthday itself counts. */
    public static boolean ofAge(LocalDate birthDate, IdNumber.Sex sex, LocalDate day) {
        return Period.between(birthDate, day).getYears() >= minimumAge(sex);
    }
}
