package org.minzheng.counseling.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.counseling.Counselor;

@ApplicationScoped
public class CounselorRepository implements PanacheRepository<Counselor> {

    /**
     * The counselors residents may book (as {@code c}): active, serving in an active room ({@code r}; {@code p} is
     * their duty point), and still a counselor who can sign in to record their sessions.
     */
    public static final String BOOKABLE = """
            counselor c JOIN staff_account a ON a.id = c.staff_id
            JOIN service_point p ON p.id = c.service_point_id JOIN service_point r ON r.id = p.site_id
            WHERE c.active AND r.active AND NOT a.disabled AND 'COUNSELOR' = ANY (a.roles)""";

    public Uni<Counselor> byStaff(long staffId) {
        return find("staffId", staffId).firstResult();
    }

    public Uni<Counselor> byServicePoint(long servicePointId) {
        return find("servicePointId", servicePointId).firstResult();
    }

    /** The bookable counselor of a duty point, or null. */
    public Uni<Counselor> bookableAt(long servicePointId) {
        return getSession().flatMap(s -> s.createNativeQuery("SELECT c.* FROM " + BOOKABLE + " AND c.service_point_id = :point",
                Counselor.class).setParameter("point", servicePointId).getSingleResultOrNull());
    }
}
