package org.minzheng.eldercare.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.minzheng.eldercare.Disability;
import org.minzheng.eldercare.ElderService;
import org.minzheng.relief.ReliefType;

/**
 * Who may have which elderly service, and why, from a person's facts and the bureau's rules. The first tier
 * one of whose alternatives holds is the person's; the reason names what held, or for each alternative what
 * did not. Pure: the facts are gathered elsewhere.
 */
public final class Eligibility {

    /**
     * {@code relief}: the regular relief the person receives, or null when it may not be told (a dependant
     * whose profile staff have not verified). {@code verified}: hukou, disability and groups were checked.
     */
    public record Facts(int age, String hukouRegion, Disability disability, List<String> groups, List<ReliefType> relief,
            boolean verified) {
    }

    /** {@code provisional}: it rests on declared facts staff have not verified yet. */
    public record Answer(String service, String name, boolean eligible, String tier, String tierName, BigDecimal subsidyCny,
            boolean provisional, String reason) {
    }

    private static final Map<ReliefType, String> RELIEF_NAMES = Map.of(ReliefType.DIBAO, "低保", ReliefType.DIBAO_EDGE, "低保边缘",
            ReliefType.TEKUN, "特困", ReliefType.EXPENDITURE_HARDSHIP, "支出型困难", ReliefType.TEMPORARY, "临时救助");
    private static final Map<String, String> GROUP_NAMES = Map.of("SANSHU_WULAO", "三属五老",
            "SHIDU_PARENT", "失独家庭父母", "DISABLED_ONLY_CHILD_PARENT", "独生子女伤残家庭父母");

    private final String districtRegion;

    /** {@code districtRegion}: this district's 6-digit code; its first four digits are the city's. */
    public Eligibility(String districtRegion) {
        this.districtRegion = districtRegion;
    }

    public Answer answer(ElderService service, Facts facts) {
        for (ElderService.Tier tier : service.tiers()) {
            for (ElderService.Condition c : tier.alternatives()) {
                if (unmet(c, facts).isEmpty()) {
                    boolean provisional = !facts.verified() && (c.hukou() != null || c.disability() != null || c.groups() != null);
                    return new Answer(service.code(), service.name(), true, tier.code(), tier.name(), tier.subsidyCny(),
                            provisional, "符合" + tier.name() + "：" + describe(c) + (provisional ? "（所报情况待工作人员核验）" : ""));
                }
            }
        }
        List<String> ways = new ArrayList<>();
        for (ElderService.Tier tier : service.tiers()) {
            for (ElderService.Condition c : tier.alternatives()) {
                ways.add(describe(c) + "（" + String.join("，", unmet(c, facts)) + "）");
            }
        }
        return new Answer(service.code(), service.name(), false, null, null, null, false, "须符合其一：" + String.join("；", ways));
    }

    /** What of the condition the person lacks, in words; empty when it holds. */
    List<String> unmet(ElderService.Condition c, Facts f) {
        List<String> unmet = new ArrayList<>();
        if (c.minAge() != null && f.age() < c.minAge()) {
            unmet.add("现年" + f.age() + "周岁");
        }
        if (c.maxAge() != null && f.age() > c.maxAge()) {
            unmet.add("现年" + f.age() + "周岁");
        }
        if (c.hukou() != null && !hukouHolds(c.hukou(), f.hukouRegion())) {
            unmet.add(f.hukouRegion() == null ? "未申报户籍" : c.hukou() == ElderService.Hukou.DISTRICT ? "非本区户籍" : "非本市户籍");
        }
        if (c.relief() != null && (f.relief() == null || f.relief().stream().noneMatch(c.relief()::contains))) {
            unmet.add(f.relief() == null ? "救助身份须经工作人员核验后适用" : "未享受" + names(c.relief()));
        }
        if (c.disability() != null && !c.disability().contains(f.disability())) {
            unmet.add("失能等级为" + f.disability().label());
        }
        if (c.groups() != null && f.groups().stream().noneMatch(c.groups()::contains)) {
            unmet.add("不属于所列群体");
        }
        return unmet;
    }

    private boolean hukouHolds(ElderService.Hukou scope, String region) {
        return region != null && (scope == ElderService.Hukou.DISTRICT ? region.equals(districtRegion)
                : region.startsWith(districtRegion.substring(0, 4)));
    }

    static String describe(ElderService.Condition c) {
        List<String> parts = new ArrayList<>();
        if (c.minAge() != null && c.maxAge() != null) {
            parts.add(c.minAge() + "至" + c.maxAge() + "周岁");
        } else if (c.minAge() != null) {
            parts.add("年满" + c.minAge() + "周岁");
        } else if (c.maxAge() != null) {
            parts.add("不超过" + c.maxAge() + "周岁");
        }
        if (c.hukou() != null) {
            parts.add(c.hukou() == ElderService.Hukou.DISTRICT ? "本区户籍" : "深圳户籍");
        }
        if (c.relief() != null) {
            parts.add("享受" + names(c.relief()));
        }
        if (c.disability() != null) {
            parts.add(c.disability().stream().map(Disability::label).collect(Collectors.joining("或")));
        }
        if (c.groups() != null) {
            parts.add("属" + c.groups().stream().map(g -> GROUP_NAMES.getOrDefault(g, g)).collect(Collectors.joining("、")));
        }
        return parts.isEmpty() ? "无条件" : String.join("、", parts);
    }

    private static String names(List<ReliefType> types) {
        return types.stream().map(RELIEF_NAMES::get).collect(Collectors.joining("、"));
    }
}
