package org.skillpath.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running issuer the way curl, an integration and a browser do: plain HTTP, no Spring test client. */
final class IssuerHttp {

    static final String DASHBOARD = "skillpath-dashboard";
    static final String CALLBACK = "http://127.0.0.1:8080/login/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    IssuerHttp(String base) {
        this.base = base;
    }

    /** A fresh browser: its own cookie jar, redirects followed by hand so the callback can be read. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> clientCredentials(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(browser(), HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    HttpResponse<String> token(Map<String, String> form) {
        return send(browser(), HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    /** The outcome of a login in the browser: the redirect after POST /login and, if it succeeded, the code. */
    /** @param browser the browser that signed in, holding the issuer's session cookie */
    record Login(HttpResponse<String> loginResponse, String code, String verifier, HttpClient browser) {
    }

    /** Starts a new authorization in a browser: with a live session at the issuer it goes straight to the callback. */
    HttpResponse<String> startAuthorization(HttpClient browser) {
        return send(browser, get(base + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", DASHBOARD, "redirect_uri", CALLBACK, "scope", "openid profile",
                "state", "st-2", "code_challenge", s256(randomUrlSafe(48)), "code_challenge_method", "S256"))));
    }

    /** OpenID Connect RP-initiated logout, as the dashboard sends the browser to it. */
    HttpResponse<String> logout(HttpClient browser, Map<String, String> parameters) {
        return send(browser, get(base + "/connect/logout?" + form(parameters)));
    }

    /** Authorization code + PKCE as the dashboard's browser would do it, up to the callback. */
    Login authorize(String username, String password) {
        HttpClient browser = browser();
        String verifier = randomUrlSafe(48);
        String authorize = base + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", DASHBOARD, "redirect_uri", CALLBACK, "scope", "openid profile",
                "state", "st-1", "code_challenge", s256(verifier), "code_challenge_method", "S256"));

        HttpResponse<String> toLogin = send(browser, get(authorize));
        assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
        assertThat(location(toLogin)).isEqualTo(base + "/login");

        HttpResponse<String> form = send(browser, get(base + "/login"));
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("CSRF token in the login form").isTrue();

        HttpResponse<String> loggedIn = send(browser, HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        if (!location(loggedIn).startsWith(base + "/oauth2/authorize")) {
            return new Login(loggedIn, null, verifier, browser);
        }
        HttpResponse<String> callback = send(browser, get(location(loggedIn)));
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        URI redirect = URI.create(location(callback));
        assertThat(redirect.toString()).startsWith(CALLBACK + "?");
        Map<String, String> query = query(redirect);
        assertThat(query).containsEntry("state", "st-1").containsKey("code");
        return new Login(loggedIn, query.get("code"), verifier, browser);
    }

    /** Exchanges the code as the public client: no secret, the PKCE verifier instead. */
    HttpResponse<String> exchange(Login login) {
        return token(Map.of("grant_type", "authorization_code", "code", login.code(), "redirect_uri", CALLBACK,
                "client_id", DASHBOARD, "code_verifier", login.verifier()));
    }

    Jwt verify(String token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(base));
        return decoder.decode(token);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            result.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
