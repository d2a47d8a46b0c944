package org.minzheng.wechatsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.minzheng.wechatsim.FieldType.Refusal;

/** WeChat's limits per keyword type; values are in CSV, '' being the empty string. */
class FieldTypeTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", value = {
        "THING | 深圳市南山区西丽报恩福地公墓管理处东门第",
        "THING | abcdefghijklmnopqrst",
        "THING | 预约 #42: 9:00 OK!",
        "PHRASE | 已确认",
        "PHRASE | 五个汉字呀",
        "CHARACTER_STRING | MZ-2026-000042",
        "CHARACTER_STRING | abcdefghijklmnopqrstuvwxyz012345",
        "CHARACTER_STRING | !#$%&()*+,-./:;<=>?@[]^_`{|}~",
        "NUMBER | 0",
        "NUMBER | 3.14",
        "NUMBER | 12345678901234567890123456789012",
        "NUMBER | 1234567890123456.7890123456789012",
        "LETTER | abcdefghijklmnopqrstuvwxyzABCDEF",
        "SYMBOL | %",
        "SYMBOL | ！？。…$",
        "CAR_NUMBER | 粤B12345",
        "CAR_NUMBER | 粤BD12345",
        "CAR_NUMBER | 粤B1234学",
        "CAR_NUMBER | AB123456",
        "NAME | 欧阳娜娜张三李四王五",
        "NAME | Alexander Hamiltonnn",
        "NAME | 张三 Zhang",
        "AMOUNT | 100",
        "AMOUNT | 12.50元",
        "AMOUNT | ¥1234567890.99",
        "AMOUNT | ￥0.5",
        "PHONE_NUMBER | 13800138000",
        "PHONE_NUMBER | +86-755-123456789",
        "DATE | 2026年12月1日",
        "DATE | 2026年01月05日",
        "DATE | 2026-12-01",
        "DATE | 2026-12-01 15:01",
        "DATE | 2026年12月1日 15:01",
        "DATE | 2026年12月1日~2026年12月3日",
        "DATE | 2028-02-29",
        "TIME | 15:01",
        "TIME | 00:00",
        "TIME | 23:59:59",
        "TIME | 2026年12月1日 15:01",
        "TIME | 2026-12-01 15:01:00",
        "TIME | 09:00~09:30",
        "TIME | 09:00 ~ 09:30",
    })
    void accepts(FieldType type, String value) {
        assertEquals(Optional.empty(), type.refusal(value), value);
        assertTrue(type.accepts(value));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", value = {
        "THING | abcdefghijklmnopqrstu | EXCEEDS_LIMIT",
        "THING | 深圳市南山区西丽报恩福地公墓管理处东门第二 | EXCEEDS_LIMIT",
        "PHRASE | 已确认 OK | INVALID",
        "PHRASE | OK | INVALID",
        "PHRASE | 已确认。 | INVALID",
        "PHRASE | 六个汉字呀呀 | EXCEEDS_LIMIT",
        "CHARACTER_STRING | MZ 42 | INVALID",
        "CHARACTER_STRING | 预约42 | INVALID",
        "CHARACTER_STRING | abcdefghijklmnopqrstuvwxyz0123456 | EXCEEDS_LIMIT",
        "NUMBER | 1.2.3 | INVALID",
        "NUMBER | .5 | INVALID",
        "NUMBER | 5. | INVALID",
        "NUMBER | -1 | INVALID",
        "NUMBER | 1 000 | INVALID",
        "NUMBER | 123456789012345678901234567890123 | EXCEEDS_LIMIT",
        "LETTER | abc1 | INVALID",
        "LETTER | ab cd | INVALID",
        "LETTER | abcdefghijklmnopqrstuvwxyzABCDEFG | EXCEEDS_LIMIT",
        "SYMBOL | a! | INVALID",
        "SYMBOL | % % | INVALID",
        "SYMBOL | %%%%%% | EXCEEDS_LIMIT",
        "CAR_NUMBER | 粤B 12345 | INVALID",
        "CAR_NUMBER | 粤B粤2345 | INVALID",
        "CAR_NUMBER | 粤BD123456 | EXCEEDS_LIMIT",
        "CAR_NUMBER | ABC123456 | EXCEEDS_LIMIT",
        "NAME | 欧阳娜娜张三李四王五六 | EXCEEDS_LIMIT",
        "NAME | Alexander Hamiltonnnn | EXCEEDS_LIMIT",
        "NAME | 张三 Zhang Sanfeng | EXCEEDS_LIMIT",
        "AMOUNT | 12.5元整 | INVALID",
        "AMOUNT | 元 | INVALID",
        "AMOUNT | 12345678901 | EXCEEDS_LIMIT",
        "AMOUNT | 1.234 | EXCEEDS_LIMIT",
        "PHONE_NUMBER | 138 0013 8000 | INVALID",
        "PHONE_NUMBER | (0755)1234 | INVALID",
        "PHONE_NUMBER | +86-755-12345678901 | EXCEEDS_LIMIT",
        "DATE | 2026/12/01 | INVALID",
        "DATE | 2026-12-1 | INVALID",
        "DATE | 2026-13-01 | INVALID",
        "DATE | 2026年2月30日 | INVALID",
        "DATE | 2027-02-29 | INVALID",
        "DATE | 2026-12-01T15:01 | INVALID",
        "DATE | 2026-12-01 25:00 | INVALID",
        "DATE | 12月1日 | INVALID",
        "DATE | 2026-12-01~2026-12-02~2026-12-03 | INVALID",
        "TIME | 15:1 | INVALID",
        "TIME | 9:01 | INVALID",
        "TIME | 24:00 | INVALID",
        "TIME | 15:60 | INVALID",
        "TIME | 15:01:60 | INVALID",
        "TIME | 下午3点 | INVALID",
        "TIME | 2026-12-01 | INVALID",
        "TIME | 15:01~ | INVALID",
    })
    void refuses(FieldType type, String value, Refusal refusal) {
        assertEquals(Optional.of(refusal), type.refusal(value), value);
        assertFalse(type.accepts(value));
    }

    @Test
    void lengthsCountCodePointsNotUtf16Units() {
        String rare = "𠀀"; // outside the BMP: two UTF-16 units, one character
        assertTrue(FieldType.THING.accepts(rare.repeat(20)));
        assertEquals(Optional.of(Refusal.EXCEEDS_LIMIT), FieldType.THING.refusal(rare.repeat(21)));
        assertTrue(FieldType.PHRASE.accepts(rare.repeat(5)));
        assertTrue(FieldType.NAME.accepts(rare.repeat(10)));
        assertFalse(FieldType.NAME.accepts(rare.repeat(11)));
    }

    @ParameterizedTest
    @EnumSource(FieldType.class)
    void emptyOrMissingValueIsRefusedByEveryType(FieldType type) {
        assertEquals(Optional.of(Refusal.EMPTY), type.refusal(""));
        assertEquals(Optional.of(Refusal.EMPTY), type.refusal(null));
    }

    @Test
    void typesGoByWeChatsNames() {
        assertEquals("character_string", FieldType.CHARACTER_STRING.wireName());
        assertEquals(Optional.of(FieldType.CAR_NUMBER), FieldType.byWireName("car_number"));
        assertEquals(Optional.empty(), FieldType.byWireName("CAR_NUMBER"));
        var converter = new FieldType.ConfigConverter();
        assertEquals(FieldType.PHONE_NUMBER, converter.convert("phone_number"));
        var typo = assertThrows(IllegalArgumentException.class, () -> converter.convert("strng"));
        assertTrue(typo.getMessage().contains("character_string"), typo.getMessage());
    }
}
