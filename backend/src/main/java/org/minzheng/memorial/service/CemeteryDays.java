package org.minzheng.memorial.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.rest.AvailabilityResource.SlotAvailability;
import org.minzheng.booking.service.Availability;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.memorial.TombSweepingPolicy;
import org.minzheng.memorial.config.MemorialConfig;

/** What a resident sees before booking: cemeteries, gates, and a day's windows or "no booking needed". */
@ApplicationScoped
public class CemeteryDays {

    public record Gate(long id, String name, String address) {
    }

    public record Cemetery(long id, String name, String address, String phone, List<Gate> gates) {
    }

    public record GateDay(long gateId, String name, List<SlotAvailability> windows) {
    }

    /**
     * {@code bookingRequired} false: an ordinary day, visitors just come ({@code notice} says so); otherwise
     * each gate's windows.
     */
    public record Day(long cemeteryId, LocalDate day, boolean peak, boolean bookingRequired, String notice,
            List<GateDay> gates) {
    }

    /** A district has a handful; the list is not paged. */
    static final int MAX_CEMETERIES = 200;
    static final String NO_BOOKING_NEEDED = "非祭扫高峰日无需预约，可直接前往。";

    private final ServicePoints points;
    private final Cemeteries cemeteries;
    private final Availability availability;
    private final PeakDays peakDays;
    private final MemorialConfig config;

    public CemeteryDays(ServicePoints points, Cemeteries cemeteries, Availability availability, PeakDays peakDays,
            MemorialConfig config) {
        this.points = points;
        this.cemeteries = cemeteries;
        this.availability = availability;
        this.peakDays = peakDays;
        this.config = config;
    }

    public Uni<List<Cemetery>> cemeteries() {
        return points.page(new ServicePoints.Filter(true, null, null, ServicePoint.Kind.CEMETERY), null, MAX_CEMETERIES)
                .flatMap(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(c -> cemeteries.gates(c.id)
                                .map(gates -> new Cemetery(c.id, c.name, c.address, c.phone,
                                        gates.stream().map(g -> new Gate(g.id, g.name, g.address)).toList())))
                        .collect().asList());
    }

    public Uni<Day> day(long cemeteryId, LocalDate day) {
        return cemeteries.cemetery(cemeteryId).flatMap(cemetery -> peakDays.isPeak(cemeteryId, day))
                .flatMap(peak -> {
                    if (!peak && config.offPeak() == MemorialConfig.OffPeak.NO_BOOKING) {
                        return Uni.createFrom().item(new Day(cemeteryId, day, false, false, NO_BOOKING_NEEDED, List.of()));
                    }
                    return cemeteries.gates(cemeteryId)
                            .flatMap(gates -> Multi.createFrom().iterable(gates)
                                    .onItem().transformToUniAndConcatenate(g -> availability
                                            .slots(g.id, TombSweepingPolicy.TYPE, day, day)
                                            .map(slots -> new GateDay(g.id, g.name, slots)))
                                    .collect().asList())
                            .map(gateDays -> {
                                boolean any = gateDays.stream().anyMatch(g -> !g.windows().isEmpty());
                                return new Day(cemeteryId, day, peak, peak || any,
                                        peak || any ? null : NO_BOOKING_NEEDED, gateDays);
                            });
                });
    }
}
