package org.skillpath.progress.lrscredentials;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the stored LRS credentials. The authenticated principal is an
 * {@link LrsClient}, so the request's caller is the credential's client with the scope {@code xapi:write} in the
 * credential's organisation. Unknown keys, wrong secrets and revoked credentials are one answer.
 */
public class LrsClientAuthenticationProvider implements AuthenticationProvider {

    private final LrsCredentials credentials;

    public LrsClientAuthenticationProvider(LrsCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object secret = authentication.getCredentials();
        return credentials.authenticate(authentication.getName(), secret == null ? "" : secret.toString())
                .map(caller -> UsernamePasswordAuthenticationToken.authenticated(new LrsClient(caller), null,
                        caller.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList()))
                .orElseThrow(() -> new BadCredentialsException("the LRS credentials were refused"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
