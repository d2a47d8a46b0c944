package org.minzheng.wechatsim;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Control API: the subscribe messages WeChat accepted, as the users would have received them. */
@Path("/sim/messages")
@Produces(MediaType.APPLICATION_JSON)
public class SimMessagesResource {

    private final SubscribeMessages messages;

    SimMessagesResource(SubscribeMessages messages) {
        this.messages = messages;
    }

    /** Oldest first; all of them without {@code touser}. */
    @GET
    public List<RecordedMessage> list(@QueryParam("touser") String touser) {
        return messages.sentTo(touser);
    }

    @DELETE
    public void clear() {
        messages.clear();
    }
}
