package org.minzheng.marriage;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.identity.service.People;
import org.minzheng.marriage.config.MarriageConfig;
import org.minzheng.notify.Outbox;

/**
 * Marriage registration (MARRIAGE): a man and a woman of legal age on the day, held until the partner
 * confirms from their own verified account. Free, at any office, ID card only.
 */
@Singleton
public class MarriagePolicy extends CouplePolicy {

    public static final String TYPE = "MARRIAGE";

    public MarriagePolicy(MarriageConfig config, Outbox outbox, Clock clock) {
        super(TYPE, "MARRIAGE_INVITATION", config.partnerHold(), outbox, clock);
    }

    @Override
    protected void checkCouple(People.Person booker, People.Person partner, SlotInfo slot) {
        if (booker.sex() == partner.sex()) {
            throw new DomainException(422, "NOT_A_MAN_AND_A_WOMAN");
        }
        for (People.Person p : List.of(booker, partner)) {
            if (!MarriageLaw.ofAge(p.birthDate(), p.sex(), slot.day())) {
                String party = p == booker ? "self" : "partner.idNumber";
                throw new DomainException(422, "UNDER_LEGAL_AGE",
                        List.of(new FieldError(party, "UNDER_LEGAL_AGE", null)), Map.of());
            }
        }
    }
}
