package org.minzheng.relief;

import java.util.List;

/** The relief a household may apply for (社会救助暂行办法), with the documents each needs. */
public enum ReliefType {
    /** 最低生活保障 */
    DIBAO("最低生活保障", List.of("身份证", "户口簿", "家庭成员收入证明", "银行存款及财产情况说明", "家庭经济状况核对授权书")),
    /** 低保边缘家庭 */
    DIBAO_EDGE("低保边缘家庭", List.of("身份证", "户口簿", "家庭成员收入证明", "银行存款及财产情况说明", "家庭经济状况核对授权书")),
    /** 支出型困难家庭 */
    EXPENDITURE_HARDSHIP("支出型困难家庭", List.of("身份证", "户口簿", "家庭成员收入证明", "医疗或教育刚性支出票据", "家庭经济状况核对授权书")),
    /** 特困人员供养 */
    TEKUN("特困人员供养", List.of("身份证", "户口簿", "劳动能力或残疾证明", "无法定赡养、抚养、扶养义务人或其无履行能力的证明")),
    /** 临时救助 */
    TEMPORARY("临时救助", List.of("身份证", "户口簿", "突发事件或困难情况证明"));

    private final String title;
    private final List<String> documents;

    ReliefType(String title, List<String> documents) {
        this.title = title;
        this.documents = documents;
    }

    public String title() {
        return title;
    }

    public List<String> documents() {
        return documents;
    }
}
