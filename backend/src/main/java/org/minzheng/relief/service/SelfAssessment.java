package org.minzheng.relief.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.relief.ReliefStandard;
import org.minzheng.relief.ReliefType;

/**
 * 自助测算: what a household likely qualifies for, from its members' monthly incomes and its assets,
 * against the standard in force for the year — before applying, nothing stored. Each type comes with the
 * reason in figures and the documents to bring; the 低保 answer estimates the monthly top-up
 * {@code (standard − per-capita income) × members}.
 */
@ApplicationScoped
public class SelfAssessment {

    /** One member of the household living together (共同生活的家庭成员); incomes by source, CNY a month. */
    public record Member(String relation, Map<String, BigDecimal> monthlyIncome, Integer age, boolean disabled,
            boolean noSupporter) {

        BigDecimal income() {
            return monthlyIncome == null ? BigDecimal.ZERO
                    : monthlyIncome.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** 特困: 60 and over, under 16, or disabled, with no one bound (or able) to support them. */
        boolean withoutSupport() {
            return noSupporter && (disabled || age != null && (age >= 60 || age < 16));
        }
    }

    /** {@code rigidExpensesMonthly}: medical and education costs a month (支出型困难). */
    public record Household(List<Member> members, BigDecimal deposits, List<BigDecimal> vehicleValues,
            BigDecimal rigidExpensesMonthly, boolean suddenHardship) {
    }

    public record Finding(ReliefType type, boolean likely, String reason, BigDecimal estimatedMonthlyCny,
            List<String> documents) {
    }

    public record Assessment(int standardYear, BigDecimal standardCny, int members, BigDecimal totalMonthlyIncomeCny,
            BigDecimal perCapitaIncomeCny, boolean assetsChecked, List<Finding> findings) {
    }

    private final ReliefStandards standards;
    private final Clock clock;

    public SelfAssessment(ReliefStandards standards, Clock clock) {
        this.standards = standards;
        this.clock = clock;
    }

    /** Against the standard in force for {@code year} (this year when null). */
    public Uni<Assessment> assess(Integer year, Household household) {
        int asOf = year == null ? LocalDate.now(clock).getYear() : year;
        return standards.inForce(asOf).map(standard -> assess(standard, household));
    }

    static Assessment assess(ReliefStandard s, Household h) {
        int n = h.members().size();
        BigDecimal members = BigDecimal.valueOf(n);
        BigDecimal total = h.members().stream().map(Member::income).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal perCapita = total.divide(members, 2, RoundingMode.HALF_UP);
        BigDecimal standard = s.minimumLivingCny;
        BigDecimal edge = standard.multiply(s.edgeMultiplier).setScale(2, RoundingMode.HALF_UP);
        String assets = assetProblem(s, h, n);
        boolean assetsChecked = s.depositLimitMonths != null || s.vehicleValueLimitCny != null;
        List<Finding> findings = new ArrayList<>();

        boolean belowStandard = perCapita.compareTo(standard) < 0;
        if (belowStandard && assets == null) {
            findings.add(finding(ReliefType.DIBAO, true, "人均月收入 " + perCapita + " 元低于低保标准 " + plain(standard) + " 元",
                    standard.subtract(perCapita).multiply(members).setScale(2, RoundingMode.HALF_UP)));
        } else {
            findings.add(finding(ReliefType.DIBAO, false, assets != null && belowStandard ? assets
                    : "人均月收入 " + perCapita + " 元不低于低保标准 " + plain(standard) + " 元", null));
        }

        boolean edgeBand = !belowStandard && perCapita.compareTo(edge) < 0;
        findings.add(finding(ReliefType.DIBAO_EDGE, edgeBand && assets == null, edgeBand
                ? (assets == null ? "人均月收入 " + perCapita + " 元在低保标准 " + plain(standard) + " 元与其 " + plain(s.edgeMultiplier)
                        + " 倍 " + plain(edge) + " 元之间" : assets)
                : belowStandard ? "人均月收入低于低保标准，可申请低保" : "人均月收入 " + perCapita + " 元不低于 " + plain(edge) + " 元", null));

        BigDecimal rigid = h.rigidExpensesMonthly() == null ? BigDecimal.ZERO : h.rigidExpensesMonthly();
        BigDecimal afterExpenses = total.subtract(rigid).divide(members, 2, RoundingMode.HALF_UP);
        boolean hardship = !belowStandard && !edgeBand && rigid.signum() > 0 && afterExpenses.compareTo(edge) < 0;
        findings.add(finding(ReliefType.EXPENDITURE_HARDSHIP, hardship && assets == null, hardship
                ? (assets == null ? "扣除刚性支出后人均月收入 " + afterExpenses + " 元低于 " + plain(edge) + " 元" : assets)
                : rigid.signum() == 0 ? "未申报医疗、教育等刚性支出" : "扣除刚性支出后人均月收入 " + afterExpenses + " 元，不低于 "
                        + plain(edge) + " 元或已可申请低保、低保边缘", null));

        boolean tekun = n == 1 && h.members().get(0).withoutSupport() && belowStandard;
        findings.add(finding(ReliefType.TEKUN, tekun, tekun
                ? "独自生活、无劳动能力且无法定义务人供养，人均月收入低于低保标准"
                : "须为无劳动能力、无生活来源且无法定赡养抚养扶养义务人（或其无履行能力）的老年人、残疾人或未成年人",
                tekun && s.tekunMultiplier != null ? standard.multiply(s.tekunMultiplier).setScale(2, RoundingMode.HALF_UP) : null));

        findings.add(finding(ReliefType.TEMPORARY, h.suddenHardship(), h.suddenHardship()
                ? "因突发事件、意外伤害或重大疾病导致基本生活暂时困难，可申请临时救助（按个案核定）"
                : "未申报突发困难", null));
        return new Assessment(s.year, standard, n, total.setScale(2, RoundingMode.HALF_UP), perCapita, assetsChecked, findings);
    }

    /** Why the assets exceed the limits, or null when they don't (or no limit is set). */
    private static String assetProblem(ReliefStandard s, Household h, int members) {
        BigDecimal deposits = h.deposits() == null ? BigDecimal.ZERO : h.deposits();
        if (s.depositLimitMonths != null) {
            BigDecimal limit = s.minimumLivingCny.multiply(s.depositLimitMonths).multiply(BigDecimal.valueOf(members))
                    .setScale(2, RoundingMode.HALF_UP);
            if (deposits.compareTo(limit) > 0) {
                return "家庭存款 " + plain(deposits) + " 元超过 " + plain(limit) + " 元（人均 " + plain(s.depositLimitMonths)
                        + " 个月低保标准）";
            }
        }
        BigDecimal vehicles = h.vehicleValues() == null ? BigDecimal.ZERO
                : h.vehicleValues().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (s.vehicleValueLimitCny != null && vehicles.compareTo(s.vehicleValueLimitCny) > 0) {
            return "车辆价值 " + plain(vehicles) + " 元超过 " + plain(s.vehicleValueLimitCny) + " 元";
        }
        return null;
    }

    private static Finding finding(ReliefType type, boolean likely, String reason, BigDecimal amount) {
        return new Finding(type, likely, reason, amount, type.documents());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
