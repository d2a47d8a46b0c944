package org.minzheng.casework.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.casework.service.Documents;
import org.minzheng.common.web.Created;
import org.minzheng.identity.service.Caller;

/** The documents on one of my applications: added and removed while it is a draft or returned to me. */
@Cancellable(false)
@Path(MyApplicationDocumentsResource.PATH)
@Tag(name = "applications")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyApplicationDocumentsResource {

    static final String PATH = "/api/v1/me/applications/{id}/documents";

    private final Documents documents;
    private final Caller caller;

    public MyApplicationDocumentsResource(Documents documents, Caller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a document (parts: file, and its kind such as ID_CARD) to my draft or returned application; "
            + "taken for what its content is: PDF, JPEG or PNG up to 10 MiB, 20 in all, unless the type says otherwise")
    public Uni<RestResponse<Documents.DocumentView>> upload(@RestPath long id, @RestForm("file") @NotNull FileUpload file,
            @RestForm @NotBlank @Pattern(regexp = "^[A-Z_]{2,40}$") String kind) {
        return documents.upload(caller.residentId(), id, kind, file.uploadedFile(), file.size())
                .map(doc -> Created.at("/api/v1/me/applications/" + id + "/documents/" + doc.id(), doc));
    }

    @GET
    @Operation(summary = "The documents on my application, oldest first")
    public Uni<List<Documents.DocumentView>> list(@RestPath long id) {
        return documents.list(caller.principal(), id);
    }

    @GET
    @Path("/{documentId}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download one of my documents, with the media type its content showed")
    public Uni<RestResponse<byte[]>> download(@RestPath long id, @RestPath long documentId) {
        return documents.download(caller.principal(), id, documentId).map(MyApplicationDocumentsResource::attachment);
    }

    @DELETE
    @Path("/{documentId}")
    @Operation(summary = "Remove a document from my draft or returned application")
    public Uni<Void> delete(@RestPath long id, @RestPath long documentId) {
        return documents.delete(caller.residentId(), id, documentId);
    }

    /** Saved, never shown inline (the browser must not guess: nosniff comes on every response) nor cached. */
    static RestResponse<byte[]> attachment(Documents.Download download) {
        return RestResponse.ResponseBuilder.ok(download.bytes(), download.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + download.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
