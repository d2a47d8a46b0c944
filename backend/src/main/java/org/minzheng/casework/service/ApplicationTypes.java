package org.minzheng.casework.service;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.minzheng.casework.ApplicationType;
import org.minzheng.common.error.DomainException;

/** The application types the domains supply. */
@ApplicationScoped
public class ApplicationTypes {

    private final Map<String, ApplicationType> byType;

    public ApplicationTypes(Instance<ApplicationType> types) {
        this.byType = types.stream().collect(Collectors.toUnmodifiableMap(ApplicationType::type, Function.identity()));
    }

    public ApplicationType of(String type) {
        ApplicationType found = byType.get(type);
        if (found == null) {
            throw new DomainException(404, "APPLICATION_TYPE_NOT_FOUND");
        }
        return found;
    }

    public Collection<ApplicationType> all() {
        return byType.values();
    }
}
