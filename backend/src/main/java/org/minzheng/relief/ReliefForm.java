package org.minzheng.relief;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.privacy.Masks;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.PersonalFields;

/**
 * A relief application's form, read strictly out of the JSON the applicant sent: the household's address
 * (its street handles the case), the members living together (共同生活的家庭成员) with relation, name, ID
 * number, monthly income by source, employment and disability, the declared assets, and what the type
 * asks besides. Every fault is reported with the field it is in.
 */
public record ReliefForm(String streetCode, List<Member> members, BigDecimal depositsCny, List<BigDecimal> vehicleValuesCny,
        BigDecimal housingAreaSqm, BigDecimal rigidExpensesMonthlyCny, BigDecimal requestedAmountCny, String situation) {

    public enum Relation { SELF, SPOUSE, CHILD, PARENT, SIBLING, GRANDPARENT, GRANDCHILD, OTHER }

    public enum Employment { EMPLOYED, SELF_EMPLOYED, UNEMPLOYED, RETIRED, STUDENT, UNABLE_TO_WORK }

    /** 残疾等级: none, or the grade on the disability certificate (一级 the most severe). */
    public enum Disability { NONE, GRADE_1, GRADE_2, GRADE_3, GRADE_4 }

    public record Member(Relation relation, String name, IdNumber idNumber, Map<String, BigDecimal> monthlyIncomeCny,
            Employment employment, Disability disability, String field) {

        public BigDecimal income() {
            return monthlyIncomeCny.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        @Override
        public String toString() {
            return "Member[" + relation + "]"; // never names, ID numbers or incomes
        }
    }

    public static final int MAX_MEMBERS = 20;
    private static final Pattern SOURCE = Pattern.compile("^[A-Za-z_]{1,20}$");
    private static final Pattern NAME = Pattern.compile(PersonalFields.NAME_PATTERN);
    private static final BigDecimal MAX_MONTHLY = new BigDecimal("10000000");
    private static final BigDecimal MAX_ASSET = new BigDecimal("1000000000");
    private static final int MAX_SITUATION = 2000;

    @Override
    public String toString() {
        return "ReliefForm[" + streetCode + ", " + members.size() + " members]";
    }

    public Member self() {
        return members.stream().filter(m -> m.relation() == Relation.SELF).findFirst().orElse(null);
    }

    public BigDecimal totalIncome() {
        return members.stream().map(Member::income).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Reads the form; fails with 400 {@code VALIDATION_FAILED} naming every faulty field. */
    public static ReliefForm read(Map<String, Object> form, LocalDate today) {
        Reader r = new Reader();
        Map<String, Object> address = r.object(form.get("address"), "form.address");
        String street = address == null ? null : r.text(address.get("streetCode"), "form.address.streetCode", 32);
        if (street == null) {
            r.fail("form.address.streetCode", "REQUIRED");
        }
        List<Member> members = new ArrayList<>();
        List<Object> rawMembers = r.list(form.get("members"), "form.members", MAX_MEMBERS);
        Set<String> ids = new HashSet<>();
        for (int i = 0; rawMembers != null && i < rawMembers.size(); i++) {
            String at = "form.members[" + i + "]";
            Map<String, Object> m = r.object(rawMembers.get(i), at);
            if (m == null) {
                continue;
            }
            Relation relation = r.choice(m.get("relation"), at + ".relation", Relation.class);
            String name = r.text(m.get("name"), at + ".name", 50);
            if (name != null && !NAME.matcher(name).matches()) {
                r.fail(at + ".name", "INVALID_NAME");
            }
            IdNumber id = null;
            Object rawId = m.get("idNumber");
            if (!(rawId instanceof String text)) {
                r.fail(at + ".idNumber", "REQUIRED");
            } else {
                try {
                    id = IdNumber.parse(text, today, at + ".idNumber");
                    if (!ids.add(id.value())) {
                        r.fail(at + ".idNumber", "SAME_PERSON_TWICE");
                    }
                } catch (DomainException e) {
                    r.errors.addAll(e.fieldErrors());
                }
            }
            Map<String, BigDecimal> incomes = new LinkedHashMap<>();
            Map<String, Object> rawIncomes = r.object(m.get("monthlyIncomeCny"), at + ".monthlyIncomeCny");
            if (rawIncomes != null) {
                if (rawIncomes.size() > 10) {
                    r.fail(at + ".monthlyIncomeCny", "TOO_MANY");
                }
                rawIncomes.forEach((source, amount) -> {
                    if (!SOURCE.matcher(source).matches()) {
                        r.fail(at + ".monthlyIncomeCny", "INVALID_SOURCE");
                    } else {
                        BigDecimal value = r.amount(amount, at + ".monthlyIncomeCny." + source, MAX_MONTHLY);
                        if (value != null) {
                            incomes.put(source, value);
                        }
                    }
                });
            }
            Employment employment = r.choice(m.get("employment"), at + ".employment", Employment.class);
            Disability disability = m.get("disability") == null ? Disability.NONE
                    : r.choice(m.get("disability"), at + ".disability", Disability.class);
            members.add(new Member(relation, name, id, incomes, employment, disability, at));
        }
        Map<String, Object> assets = form.get("assets") == null ? Map.of() : r.object(form.get("assets"), "form.assets");
        BigDecimal deposits = null;
        List<BigDecimal> vehicles = new ArrayList<>();
        BigDecimal housing = null;
        if (assets != null) {
            deposits = r.optionalAmount(assets.get("depositsCny"), "form.assets.depositsCny", MAX_ASSET);
            housing = r.optionalAmount(assets.get("housingAreaSqm"), "form.assets.housingAreaSqm", new BigDecimal("100000"));
            List<Object> rawVehicles = assets.get("vehicleValuesCny") == null ? List.of()
                    : r.list(assets.get("vehicleValuesCny"), "form.assets.vehicleValuesCny", 10);
            for (int i = 0; rawVehicles != null && i < rawVehicles.size(); i++) {
                BigDecimal v = r.amount(rawVehicles.get(i), "form.assets.vehicleValuesCny[" + i + "]", MAX_ASSET);
                if (v != null) {
                    vehicles.add(v);
                }
            }
        }
        BigDecimal rigid = r.optionalAmount(form.get("rigidExpensesMonthlyCny"), "form.rigidExpensesMonthlyCny", MAX_MONTHLY);
        BigDecimal requested = r.optionalAmount(form.get("requestedAmountCny"), "form.requestedAmountCny", MAX_MONTHLY);
        String situation = form.get("situation") == null ? null : r.text(form.get("situation"), "form.situation", MAX_SITUATION);
        Set<String> known = Set.of("address", "members", "assets", "rigidExpensesMonthlyCny", "requestedAmountCny", "situation");
        form.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> r.fail("form." + k, "UNKNOWN_FIELD"));
        r.throwIfAny();
        return new ReliefForm(street, members, deposits, vehicles, housing, rigid, requested, situation);
    }

    /** The form as the applicant reads it back: names and ID numbers of the household masked. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> masked(Map<String, Object> form) {
        Map<String, Object> copy = new LinkedHashMap<>(form);
        if (copy.get("members") instanceof List<?> members) {
            copy.put("members", members.stream().map(m -> {
                if (!(m instanceof Map<?, ?> member)) {
                    return m;
                }
                Map<String, Object> masked = new LinkedHashMap<>((Map<String, Object>) member);
                if (masked.get("name") instanceof String name) {
                    masked.put("name", Masks.name(name));
                }
                if (masked.get("idNumber") instanceof String id) {
                    masked.put("idNumber", Masks.idNumber(id));
                }
                return masked;
            }).toList());
        }
        return copy;
    }

    /**
     * An edit over the stored form: a member sent back with the masked ID number (and name) the applicant
     * was shown keeps what is stored for that member; anything else is taken as typed.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> edited) {
        if (!(edited.get("members") instanceof List<?> members) || !(stored.get("members") instanceof List<?> before)) {
            return edited;
        }
        Map<String, Map<String, Object>> storedByMask = new LinkedHashMap<>();
        for (Object m : before) {
            if (m instanceof Map<?, ?> member && member.get("idNumber") instanceof String id) {
                storedByMask.putIfAbsent(Masks.idNumber(id), (Map<String, Object>) member);
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(edited);
        merged.put("members", members.stream().map(m -> {
            if (!(m instanceof Map<?, ?> member) || !(member.get("idNumber") instanceof String id) || !id.contains("*")) {
                return m;
            }
            Map<String, Object> was = storedByMask.get(id);
            if (was == null) {
                return m; // fails validation: a masked number matching no one
            }
            Map<String, Object> restored = new LinkedHashMap<>((Map<String, Object>) member);
            restored.put("idNumber", was.get("idNumber"));
            if (restored.get("name") instanceof String name && name.contains("*")
                    && was.get("name") instanceof String storedName && Masks.name(storedName).equals(name)) {
                restored.put("name", storedName);
            }
            return restored;
        }).toList());
        return merged;
    }

    /** Collects faults as it reads. */
    private static final class Reader {
        final List<FieldError> errors = new ArrayList<>();

        void fail(String field, String code) {
            errors.add(new FieldError(field, code, null));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object value, String field) {
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            fail(field, value == null ? "REQUIRED" : "INVALID_TYPE");
            return null;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(Object value, String field, int max) {
            if (value == null) {
                fail(field, "REQUIRED");
                return null;
            }
            if (!(value instanceof List<?> list)) {
                fail(field, "INVALID_TYPE");
                return null;
            }
            if (list.size() > max) {
                fail(field, "TOO_MANY");
                return null;
            }
            return (List<Object>) list;
        }

        String text(Object value, String field, int max) {
            if (!(value instanceof String text) || text.isBlank()) {
                fail(field, value == null ? "REQUIRED" : "INVALID_TYPE");
                return null;
            }
            String stripped = text.strip();
            if (stripped.length() > max || stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                fail(field, "INVALID_TEXT");
                return null;
            }
            return stripped;
        }

        <E extends Enum<E>> E choice(Object value, String field, Class<E> type) {
            if (value instanceof String text) {
                try {
                    return Enum.valueOf(type, text);
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            fail(field, value == null ? "REQUIRED" : "INVALID_CHOICE");
            return null;
        }

        BigDecimal optionalAmount(Object value, String field, BigDecimal max) {
            return value == null ? null : amount(value, field, max);
        }

        BigDecimal amount(Object value, String field, BigDecimal max) {
            if (!(value instanceof Number number)) {
                fail(field, value == null ? "REQUIRED" : "INVALID_TYPE");
                return null;
            }
            BigDecimal amount = new BigDecimal(number.toString());
            if (amount.signum() < 0 || amount.compareTo(max) > 0 || amount.scale() > 2) {
                fail(field, "OUT_OF_RANGE");
                return null;
            }
            return amount;
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new DomainException(400, "VALIDATION_FAILED", List.copyOf(errors), Map.of());
            }
        }
    }
}
