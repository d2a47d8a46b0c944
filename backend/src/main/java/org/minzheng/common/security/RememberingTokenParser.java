package org.minzheng.common.security;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** SmallRye JWT's parser, asked only for tokens not verified already ({@link VerifiedTokens}). */
@Decorator
@Priority(1)
public abstract class RememberingTokenParser implements JWTParser {

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    @Inject
    VerifiedTokens verified;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.known(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = parser.parse(token);
        verified.remember(token, jwt);
        return jwt;
    }
}
