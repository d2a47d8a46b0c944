package org.minzheng.casework;

import java.util.Map;

/**
 * What residents read for an application's state (a WeChat 审核结果 keyword is at most five characters), across
 * the types' workflows; a state not named here reads as its code.
 */
public final class StatusLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("DRAFT", "草稿"), Map.entry("SUBMITTED", "已提交"), Map.entry("ACCEPTED", "已受理"),
            Map.entry("RETURNED", "需补正"), Map.entry("INVESTIGATED", "已入户调查"), Map.entry("REVIEWED", "已初审"),
            Map.entry("PUBLIC_NOTICE", "公示中"), Map.entry("OBJECTION", "异议核查中"), Map.entry("NOTICE_ENDED", "公示期满"),
            Map.entry("ASSESSED", "已评估"), Map.entry("APPROVED", "已批准"), Map.entry("REJECTED", "未通过"),
            Map.entry("WITHDRAWN", "已撤回"), Map.entry("LAPSED", "已失效"), Map.entry("EXPIRED", "已到期"),
            Map.entry("TERMINATED", "已终止"), Map.entry("COMPLETED", "已完成"), Map.entry("REGISTERED", "已登记"),
            Map.entry("IN_SERVICE", "服务中"), Map.entry("ENDED", "已结束"));

    private StatusLabels() {
    }

    public static String of(String status) {
        return LABELS.getOrDefault(status, status);
    }
}
