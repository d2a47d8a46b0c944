package org.minzheng.common.web;


import org.jboss.resteasy.reactive.RestResponse;
import org.minzheng.common.web.Created;

/** A 201 Created answer with the new resource's Location and body. */
public final class Created {

    private Created() {
    }

    public static <T> RestResponse<T> at(String location, T body) {
        return Created.at(location, body);
    }
}
