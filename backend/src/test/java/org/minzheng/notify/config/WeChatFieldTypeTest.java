package org.minzheng.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeChatFieldTypeTest {

    @Test
    void valuesAreCutToWeChatsLimits() {
        assertThat(WeChatFieldType.THING.fit("深圳市南山区西丽报恩福地公墓管理处东门第二停车场入口处")).hasSize(20);
        assertThat(WeChatFieldType.THING.fit("聚仙居墓园")).isEqualTo("聚仙居墓园");
        assertThat(WeChatFieldType.PHRASE.fit("已确认 OK 预约成功")).isEqualTo("已确认预约");
        assertThat(WeChatFieldType.CHARACTER_STRING.fit("K7QM 3XPA ✓ 预约号" + "X".repeat(40))).hasSize(32).startsWith("K7QM3XPA");
        assertThat(WeChatFieldType.NUMBER.fit("共 3 人")).isEqualTo("3");
        assertThat(WeChatFieldType.CAR_NUMBER.fit("粤B D12345 6")).isEqualTo("粤BD12345");
        assertThat(WeChatFieldType.NAME.fit("欧阳娜娜娜娜娜娜娜娜娜")).hasSize(10);
        assertThat(WeChatFieldType.NAME.fit("Alexandra Maximiliana Konstantinopoulou")).hasSize(20);
        assertThat(WeChatFieldType.DATE.fit("2026-12-01")).isEqualTo("2026年12月1日");
        assertThat(WeChatFieldType.TIME.fit("09:30")).isEqualTo("09:30");
    }

    @Test
    void cutsCountCharactersNotUtf16Units() {
        String astral = "𠀀".repeat(25); // characters outside the BMP take two UTF-16 units each
        assertThat(WeChatFieldType.THING.fit(astral).codePointCount(0, WeChatFieldType.THING.fit(astral).length()))
                .isEqualTo(20);
    }
}
