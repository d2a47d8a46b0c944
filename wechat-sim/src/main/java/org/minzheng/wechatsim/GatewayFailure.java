package org.minzheng.wechatsim;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A queued HTTP 5xx fault. It answers as a proxy in front of WeChat does when the service behind it is
 * down: the status and a small HTML page, not JSON, so clients are tested on bodies they cannot parse.
 */
public class GatewayFailure extends RuntimeException {

    private final int status;

    GatewayFailure(int status) {
        super("simulated HTTP " + status);
        this.status = status;
    }

    /** Like nginx's error pages. */
    static String page(int status) {
        var known = Response.Status.fromStatusCode(status);
        String title = status + " " + (known == null ? "Server Error" : known.getReasonPhrase());
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    static class Mapper {

        @ServerExceptionMapper
        Response toResponse(GatewayFailure e) {
            return Response.status(e.status).type(MediaType.TEXT_HTML_TYPE).entity(page(e.status)).build();
        }
    }
}
