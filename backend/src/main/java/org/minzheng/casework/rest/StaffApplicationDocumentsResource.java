package org.minzheng.casework.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.casework.service.Documents;
import org.minzheng.identity.service.Caller;

/** The documents of an application in my jurisdiction. */
@Cancellable(false)
@Path("/api/v1/staff/applications/{id}/documents")
@Tag(name = "staff: casework")
@RolesAllowed({ "CASEWORKER", "APPROVER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffApplicationDocumentsResource {

    private final Documents documents;
    private final Caller caller;

    public StaffApplicationDocumentsResource(Documents documents, Caller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The documents on an application, oldest first")
    public Uni<List<Documents.DocumentView>> list(@RestPath long id) {
        return documents.list(caller.principal(), id);
    }

    @GET
    @Path("/{documentId}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a document, with the media type its content showed; the download is audited")
    public Uni<RestResponse<byte[]>> download(@RestPath long id, @RestPath long documentId) {
        return documents.download(caller.principal(), id, documentId).map(MyApplicationDocumentsResource::attachment);
    }
}
