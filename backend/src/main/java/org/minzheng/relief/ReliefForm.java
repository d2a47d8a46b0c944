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
public record ReliefForm(String streetCode, String community, String addressDetail, List<Member> members, BigDecimal depositsCny, List<BigDecimal> vehicleValuesCny,
        BigDecimal housingAreaSqm, BigDecimal rigidExpensesMonthlyCny, BigDecimal requestedAmountCny, String situation) {

    public enum Relation { SELF, SPOUSE, CHILD, PARENT, SIBLING, GRANDPARENT, GRANDCHILD, OTHER }

    public enum Employment { EMPLOYED, SELF_EMPLOYED, UNEMPLOYED, RETIRED, STUDENT, UNABLE_TO_WORK }

    /** 残疾等级: none, or the grade on the disability certificate (一级 the most severe). */
    public enum Disability { NONE, GRADE_1, GRADE_2, GRADE_3, GRADE_4 }

    public record Member(Relation relation, String name, IdNumber idNumber, Map<String, BigDecimal> monthlyIncomeCny,
            Employment employment, Disability disability, String field) {

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
    private static final Set<String> FORM_KEYS = Set.of("address", "members", "assets", "rigidExpensesMonthlyCny",
            "requestedAmountCny", "situation");
    private static final Set<String> ADDRESS_KEYS = Set.of("streetCode", "community", "detail");
    private static final Set<String> MEMBER_KEYS = Set.of("relation", "name", "idNumber", "monthlyIncomeCny", "employment",
            "disability");
    private static final Set<String> ASSET_KEYS = Set.of("depositsCny", "vehicleValuesCny", "housingAreaSqm");

    @Override
    public String toString() {
        return "ReliefForm[" + streetCode + ", " + members.size() + " members]";
    }

    public Member self() {
        return members.stream().filter(m -> m.relation() == Relation.SELF).findFirst().orElse(null);
    }

    /** Reads the form; fails with 400 {@code VALIDATION_FAILED} naming every faulty field. */
    public static ReliefForm read(Map<String, Object> form, LocalDate today) {
        Reader r = new Reader();
        r.known(form, FORM_KEYS, "form");
        Map<String, Object> address = r.object(form.get("address"), "form.address");
        String street = null;
        String community = null;
        String detail = null;
        if (address != null) {
            r.known(address, ADDRESS_KEYS, "form.address");
            street = r.text(address.get("streetCode"), "form.address.streetCode", 32);
            community = address.get("community") == null ? null : r.text(address.get("community"), "form.address.community", 50);
            detail = address.get("detail") == null ? null : r.text(address.get("detail"), "form.address.detail", 200);
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
            r.known(m, MEMBER_KEYS, at);
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
                    rawIncomes = Map.of();
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
            r.known(assets, ASSET_KEYS, "form.assets");
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
        r.throwIfAny();
        return new ReliefForm(street, community, detail, members, deposits, vehicles, housing, rigid, requested, situation);
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
     * What to store of what the applicant sent: ID numbers as written on the card (trimmed, upper-case X), and
     * over the stored form ({@code null} for a new draft) a member sent back with the masked ID number and name
     * they were shown keeps what is stored for that member — the member in the same place first, else the one
     * with that mask. Anything else is taken as typed (and a masked number matching no one fails validation).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> prepare(Map<String, Object> stored, Map<String, Object> sent) {
        if (!(sent.get("members") instanceof List<?> members)) {
            return sent;
        }
        List<Map<String, Object>> before = stored != null && stored.get("members") instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList() : List.of();
        List<Object> prepared = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Object m = members.get(i);
            if (!(m instanceof Map<?, ?> member) || !(member.get("idNumber") instanceof String id)) {
                prepared.add(m);
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) member);
            if (!id.contains("*")) {
                copy.put("idNumber", id.strip().toUpperCase(java.util.Locale.ROOT));
                prepared.add(copy);
                continue;
            }
            int place = i;
            Map<String, Object> was = (place < before.size() && maskOf(before.get(place)).equals(id) ? java.util.Optional
                    .of(before.get(place)) : before.stream().filter(b -> maskOf(b).equals(id)).findFirst()).orElse(null);
            if (was != null) {
                copy.put("idNumber", was.get("idNumber"));
                if (copy.get("name") instanceof String name && was.get("name") instanceof String storedName
                        && Masks.name(storedName).equals(name)) {
                    copy.put("name", storedName);
                }
            }
            prepared.add(copy);
        }
        Map<String, Object> result = new LinkedHashMap<>(sent);
        result.put("members", prepared);
        return result;
    }

    private static String maskOf(Map<String, Object> member) {
        return member.get("idNumber") instanceof String id ? Masks.idNumber(id) : "";
    }

    /** Collects faults as it reads. */
    private static final class Reader {
        final List<FieldError> errors = new ArrayList<>();

        void fail(String field, String code) {
            errors.add(new FieldError(field, code, null));
        }

        void known(Map<String, Object> object, Set<String> keys, String at) {
            object.keySet().stream().filter(k -> !keys.contains(k)).limit(5).forEach(k -> fail(at + "." + k, "UNKNOWN_FIELD"));
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
            if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
                fail(field, "OUT_OF_RANGE");
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
