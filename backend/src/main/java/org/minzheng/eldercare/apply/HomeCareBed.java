package org.minzheng.eldercare.apply;

import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.identity.service.People;

/** 家庭养老床位: once approved, the street names the care provider and the visit schedule. */
@Singleton
public class HomeCareBed extends ElderApplicationType {

    public HomeCareBed(People people, ElderEligibility eligibility, Streets streets) {
        super("ELDER_HOME_CARE_BED", "家庭养老床位", "HOME_CARE_BED", ElderWorkflows.homeCareBed(), people, eligibility, streets);
    }

    /** {@code provider}: the care organisation; {@code visitWeekdays}: ISO days 1-7; {@code visitTime}: HH:mm. */
    @Override
    protected Uni<Void> step(Moved moved) {
        if (moved.transition().action().equals(ElderWorkflows.ASSIGN_PROVIDER)) {
            var data = moved.data();
            if (!(data.get("provider") instanceof String provider) || provider.isBlank() || provider.length() > 100
                    || provider.chars().anyMatch(Character::isISOControl)) {
                throw invalidData("provider", "REQUIRED");
            }
            if (!(data.get("visitWeekdays") instanceof List<?> days) || days.isEmpty() || days.size() > 7
                    || days.stream().anyMatch(d -> !(d instanceof Integer n) || n < 1 || n > 7)
                    || days.stream().distinct().count() != days.size()) {
                throw invalidData("visitWeekdays", "INVALID_CHOICE");
            }
            if (!(data.get("visitTime") instanceof String time) || !time.matches("^([01][0-9]|2[0-3]):[0-5][0-9]$")) {
                throw invalidData("visitTime", "INVALID_TYPE");
            }
        }
        return super.step(moved);
    }
}
