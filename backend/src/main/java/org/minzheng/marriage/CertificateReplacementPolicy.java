package org.minzheng.marriage;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.People;

/**
 * Replacing a lost marriage or divorce certificate (补领, CERTIFICATE_REPLACEMENT): one person, in person,
 * for their own certificate, at any office.
 */
@Singleton
public class CertificateReplacementPolicy implements BookingPolicy {

    public static final String TYPE = "CERTIFICATE_REPLACEMENT";

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        if (people.size() != 1 || !people.get(0).reference().equals("resident:" + residentId)) {
            throw new DomainException(422, "OWN_CERTIFICATE_ONLY");
        }
        return Uni.createFrom().voidItem();
    }
}
