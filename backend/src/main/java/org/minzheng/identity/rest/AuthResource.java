package org.minzheng.identity.rest;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.identity.service.Sessions;
import org.minzheng.identity.service.StaffLogin;

@Cancellable(false)
@Path("/api/v1/auth")
@Tag(name = "auth", description = "Sign-in for residents (WeChat) and staff (password); token refresh and logout")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    public record WeChatLogin(@NotBlank @Size(max = 128) String code) {
    }

    public record StaffCredentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String refreshToken) {
        static TokenResponse of(Sessions.Tokens tokens) {
            return new TokenResponse(tokens.accessToken(), "Bearer", tokens.accessTokenExpiresAt(), tokens.refreshToken());
        }
    }

    private final Sessions sessions;
    private final StaffLogin staffLogin;

    public AuthResource(Sessions sessions, StaffLogin staffLogin) {
        this.sessions = sessions;
        this.staffLogin = staffLogin;
    }

    @POST
    @Path("/wechat")
    @Operation(summary = "Sign in a resident with the code from wx.login")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<TokenResponse> wechat(@Valid @NotNull WeChatLogin login) {
        return sessions.residentLogin(login.code()).map(TokenResponse::of);
    }

    @POST
    @Path("/staff/login")
    @Operation(summary = "Sign in a staff member; five failures lock the username for 15 minutes")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<TokenResponse> staff(@Valid @NotNull StaffCredentials credentials) {
        return staffLogin.login(credentials.username(), credentials.password()).map(TokenResponse::of);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; reusing an old one ends the session everywhere")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(TokenResponse::of);
    }

    @POST
    @Path("/logout")
    @ResponseStatus(204)
    @Operation(summary = "End the session the refresh token belongs to")
    public Uni<Void> logout(@Valid @NotNull RefreshRequest request) {
        return sessions.logout(request.refreshToken());
    }
}
