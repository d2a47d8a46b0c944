package org.minzheng.eldercare.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.service.SlotInventory;
import org.minzheng.common.error.DomainException;
import org.minzheng.eldercare.MealMenu;
import org.minzheng.eldercare.MealMode;
import org.minzheng.eldercare.MealPolicy;
import org.minzheng.identity.service.People;

/**
 * What a meal costs a person: the menu's price less their 助餐 tier's subsidy (never more than the meal's price,
 * and none while the tier rests on facts staff have not verified), plus the delivery fee when delivered. The same
 * answer is shown before booking and stored with the booking.
 */
@ApplicationScoped
public class MealPrices {

    /** The elderly service whose tiers price meals (table eldercare_service). */
    static final String SERVICE = "MEAL";

    /** {@code tier}: the person's 助餐 tier; {@code provisional}: it waits for staff to verify what was declared. */
    public record MealQuote(BigDecimal basePriceCny, BigDecimal subsidyCny, BigDecimal deliveryFeeCny, BigDecimal priceCny,
            String tier, boolean provisional, String reason) {
    }

    private final MealMenus menus;
    private final ElderEligibility eligibility;
    private final People people;
    private final SlotInventory slots;

    public MealPrices(MealMenus menus, ElderEligibility eligibility, People people, SlotInventory slots) {
        this.menus = menus;
        this.eligibility = eligibility;
        this.people = people;
        this.slots = slots;
    }

    /** What a meal of this lunch slot would cost the resident or their dependant, before they book it. */
    public Uni<MealQuote> quote(long residentId, Long dependantId, long slotId, MealMode mode) {
        return slots.read(slotId).flatMap(slot -> {
            if (slot == null || !MealPolicy.TYPE.equals(slot.serviceType())) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            return people.actingFor(residentId, dependantId)
                    .flatMap(person -> quote(residentId, person, dependantId == null, slot.servicePointId(), slot.day(), mode));
        });
    }

    /**
     * The price of the canteen's lunch of {@code day} for the person the resident acts for ({@code self}: the
     * resident), from the tier on the resident family's profile of them.
     * 409 {@code MENU_NOT_PUBLISHED}, 409 {@code DELIVERY_NOT_OFFERED}, 422 {@code NOT_ELIGIBLE}.
     */
    public Uni<MealQuote> quote(long residentId, People.Person person, boolean self, long pointId, LocalDate day, MealMode mode) {
        return menus.of(pointId, day).flatMap(menu -> {
            if (menu == null) {
                throw new DomainException(409, "MENU_NOT_PUBLISHED", day.toString());
            }
            if (mode == MealMode.DELIVERY && !menu.deliveryOffered()) {
                throw new DomainException(409, "DELIVERY_NOT_OFFERED");
            }
            return eligibility.of(residentId, person, self, SERVICE).map(answer -> price(menu, mode, answer));
        });
    }

    static MealQuote price(MealMenu menu, MealMode mode, Eligibility.Answer answer) {
        if (!answer.eligible()) {
            throw new DomainException(422, "NOT_ELIGIBLE", answer.reason());
        }
        BigDecimal base = menu.priceCny().setScale(2);
        BigDecimal tierSubsidy = answer.subsidyCny() == null ? BigDecimal.ZERO : answer.subsidyCny();
        BigDecimal subsidy = (answer.provisional() ? BigDecimal.ZERO : tierSubsidy.min(base)).setScale(2, RoundingMode.DOWN);
        BigDecimal fee = (mode == MealMode.DELIVERY ? menu.deliveryFeeCny() : BigDecimal.ZERO).setScale(2);
        String reason = answer.reason();
        if (answer.provisional() && tierSubsidy.signum() > 0) {
            reason += "；核验前按原价，不享受补贴";
        } else if (subsidy.compareTo(tierSubsidy) < 0) {
            reason += "；补贴以餐价为限";
        }
        return new MealQuote(base, subsidy, fee, base.subtract(subsidy).add(fee), answer.tier(), answer.provisional(), reason);
    }
}
