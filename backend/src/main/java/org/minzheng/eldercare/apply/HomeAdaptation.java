package org.minzheng.eldercare.apply;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.identity.service.People;

/** 适老化改造: the assessment visit lists the works (grab bars, non-slip floors, ...), each with how many. */
@Singleton
public class HomeAdaptation extends ElderApplicationType {

    /** The works a home adaptation may list (民政部 适老化改造 items). */
    static final Set<String> WORKS = Set.of("GRAB_BAR", "NON_SLIP_FLOOR", "SHOWER_CHAIR", "RAISED_TOILET", "RAMP",
            "THRESHOLD_REMOVAL", "NIGHT_LIGHT", "EMERGENCY_CALL", "BED_RAIL", "WALKING_AID");

    public HomeAdaptation(People people, ElderEligibility eligibility, Streets streets) {
        super("ELDER_HOME_ADAPTATION", "适老化改造", "HOME_ADAPTATION", ElderWorkflows.homeAdaptation(), people, eligibility, streets);
    }

    @Override
    protected Uni<Void> step(Moved moved) {
        if (moved.transition().action().equals(ElderWorkflows.ASSESS)) {
            items(moved.data());
        }
        return super.step(moved);
    }

    /** {@code items}: 1 to 20 of {@code {work, quantity}}, each work once, 1 to 20 of it. */
    static void items(Map<String, Object> data) {
        if (!(data.get("items") instanceof List<?> items) || items.isEmpty() || items.size() > 20) {
            throw invalidData("items", "REQUIRED");
        }
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || !(item.get("work") instanceof String work) || !WORKS.contains(work)
                    || !seen.add(work) || !(item.get("quantity") instanceof Integer n) || n < 1 || n > 20
                    || item.size() != 2) {
                throw invalidData("items[" + i + "]", "INVALID_CHOICE");
            }
        }
    }
}
