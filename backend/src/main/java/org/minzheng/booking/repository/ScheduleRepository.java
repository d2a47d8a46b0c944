package org.minzheng.booking.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Schedule;

@ApplicationScoped
public class ScheduleRepository implements PanacheRepository<Schedule> {

    public Uni<List<Schedule>> of(long pointId, String serviceType) {
        return list("servicePointId = ?1 AND serviceType = ?2 ORDER BY id", pointId, serviceType);
    }

    public Uni<List<Schedule>> page(long pointId, Long afterId, int limit) {
        return afterId == null
                ? find("servicePointId = ?1 ORDER BY id", pointId).page(0, limit).list()
                : find("servicePointId = ?1 AND id > ?2 ORDER BY id", pointId, afterId).page(0, limit).list();
    }

    public Uni<Schedule> findOf(long pointId, long scheduleId) {
        return find("id = ?1 AND servicePointId = ?2", scheduleId, pointId).firstResult();
    }
}
