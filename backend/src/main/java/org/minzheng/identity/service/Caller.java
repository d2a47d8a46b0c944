package org.minzheng.identity.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller of the current request, read from its verified access token. */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Principal principal() {
        Principal.Kind kind = Principal.Kind.valueOf(jwt.getClaim(TokenIssuer.KIND_CLAIM).toString());
        long id = Long.parseLong(jwt.getSubject());
        if (kind == Principal.Kind.RESIDENT) {
            return Principal.resident(id);
        }
        if (kind != Principal.Kind.STAFF) {
            throw new org.minzheng.common.error.DomainException(401, "UNAUTHORIZED"); // never issued to anyone
        }
        List<Long> points = array(TokenIssuer.POINTS_CLAIM).stream()
                .map(v -> ((JsonNumber) v).longValue()).toList();
        List<String> streets = array(TokenIssuer.STREETS_CLAIM).stream()
                .map(v -> ((JsonString) v).getString()).toList();
        return new Principal(kind, id, Set.copyOf(jwt.getGroups()), points, streets);
    }

    /** The resident's id; callers are behind {@code @RolesAllowed("RESIDENT")}. */
    public long residentId() {
        return Long.parseLong(jwt.getSubject());
    }

    public long staffId() {
        return Long.parseLong(jwt.getSubject());
    }

    private List<jakarta.json.JsonValue> array(String claim) {
        Object value = jwt.getClaim(claim);
        return value instanceof JsonArray array ? array : List.of();
    }
}
