package org.minzheng.eldercare;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.minzheng.relief.ReliefType;

/**
 * A service of the bureau's elderly care and who may have it, as the bureau keeps it (data, not code): tiers
 * in order (the first that fits a person is theirs, e.g. 助餐's 15 CNY, 5 CNY, full price), each fitting when
 * any of its alternatives does, each alternative a set of conditions that must all hold.
 *
 * <p>Its tiers are stored as JSON (ElderServices), outside any REST signature: registered for reflection
 * (native executables) with its nested types and what they hold.
 */
@RegisterForReflection(registerFullHierarchy = true)
public record ElderService(String code, String name, List<Tier> tiers) {

    /** Where a person's hukou must be: this district, or anywhere in its city. */
    public enum Hukou { DISTRICT, CITY }

    /** {@code subsidyCny}: what the tier is worth per use (a meal), where the service has a price. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tier(String code, String name, BigDecimal subsidyCny, List<Condition> alternatives) {
    }

    /** All that is set must hold; {@code groups}: any of the listed groups (三属五老, 失独 parents, ...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(Integer minAge, Integer maxAge, Hukou hukou, List<ReliefType> relief,
            List<Disability> disability, List<String> groups) {
    }
}
