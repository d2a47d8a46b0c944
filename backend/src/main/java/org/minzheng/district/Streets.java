package org.minzheng.district;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The district's streets (街道), the jurisdictions applications are handled in: seeded by migration and
 * read once at startup, so forms can be checked against them without a query.
 */
@ApplicationScoped
public class Streets {

    public record Street(String code, String name) {
    }

    private volatile Map<String, Street> byCode = Map.of();

    void load(@Observes StartupEvent started) throws Throwable {
        List<Object[]> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT code, name FROM street", Object[].class).getResultList())));
        byCode = rows.stream().map(r -> new Street((String) r[0], (String) r[1]))
                .collect(Collectors.toUnmodifiableMap(Street::code, Function.identity()));
    }

    public List<Street> all() {
        return byCode.values().stream().sorted(Comparator.comparing(Street::code)).toList();
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }
}
