package org.skillpath.dashboard.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.skillpath.dashboard.DashboardProperties;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.Dashboards.OrganisationOverview;
import org.skillpath.dashboard.api.Dashboards.Page;
import org.skillpath.dashboard.api.Dashboards.TeamOverview;
import org.skillpath.dashboard.api.Plans.Plan;
import org.skillpath.dashboard.api.Plans.PlanProgress;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The services' public APIs, called as the signed-in person: every request carries that person's access token
 * (refreshed when it expires), so each service applies its own rules to the dashboard exactly as to any other
 * client. A refusal or failure becomes a {@link ServiceException}.
 */
@Component
public class SkillpathApi {

    public static final String REGISTRATION_ID = "skillpath";
    private static final String PLAN = "plan-service";
    private static final String PROGRESS = "progress-service";
    private static final ParameterizedTypeReference<Page<PlanProgress>> PROGRESS_PAGE = new ParameterizedTypeReference<>() {
    };

    private final RestClient plan;
    private final RestClient progress;
    private final ObjectMapper json;

    SkillpathApi(DashboardProperties properties, OAuth2AuthorizedClientManager clients,
                 OAuth2AuthorizedClientRepository authorizedClients, ObjectMapper json) {
        this.json = json;
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        // a token the service rejects (401) is forgotten, so the next page signs the person in again
        bearer.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        // HTTP/1.1: the services speak nothing else on plain http, so no h2c upgrade attempt on every request
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.plan = client(PLAN, properties.services().plan(), bearer, requests);
        this.progress = client(PROGRESS, properties.services().progress(), bearer, requests);
    }

    private RestClient client(String service, String baseUrl, OAuth2ClientHttpRequestInterceptor bearer,
                              JdkClientHttpRequestFactory requests) {
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).requestInterceptor(bearer)
                .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new ServiceException(service, response.getStatusCode().value(), detail(response), null);
                })
                .build();
    }

    /** The signed-in manager's direct reports (the API's largest page: a team is never longer here). */
    public TeamOverview team() {
        return call(PROGRESS, () -> progress.get().uri("/api/dashboard/team?size=100").retrieve().body(TeamOverview.class));
    }

    /** One person in detail: levels, growth, plans step by step. */
    public MemberDetail person(String personId) {
        return call(PROGRESS, () -> progress.get().uri("/api/dashboard/people/{id}", personId).retrieve().body(MemberDetail.class));
    }

    /** The organisation (or one department of it) for L&D admins. */
    public OrganisationOverview organisation(String department) {
        return call(PROGRESS, () -> progress.get().uri(b -> {
            b.path("/api/dashboard/organisation").queryParam("size", 100);
            if (department != null && !department.isBlank()) {
                b.queryParam("department", department);
            }
            return b.build();
        }).retrieve().body(OrganisationOverview.class));
    }

    /** A person's newest plans with their progress, newest first. */
    public List<PlanProgress> progressOf(String personId, int max) {
        Page<PlanProgress> page = call(PROGRESS, () -> progress.get()
                .uri("/api/progress?personId={id}&size={size}", personId, max).retrieve().body(PROGRESS_PAGE));
        return page == null ? List.of() : page.items();
    }

    /** A plan as plan-service keeps it: each step's reason and the gaps it addresses. */
    public Plan plan(String planId) {
        return call(PLAN, () -> plan.get().uri("/api/plans/{id}", planId).retrieve().body(Plan.class));
    }

    /**
     * The person's check-in on a step: a reflection for their portfolio, optionally reporting the step done.
     * {@code requestId} is sent as the Idempotency-Key, so a form submitted twice checks in once.
     */
    public PlanProgress checkIn(String planId, String stepId, String reflection, boolean complete, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reflection", reflection);
        body.put("complete", complete);
        return call(PROGRESS, () -> progress.post().uri("/api/progress/plans/{plan}/steps/{step}/check-ins", planId, stepId)
                .header("Idempotency-Key", requestId).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(PlanProgress.class));
    }

    /** The manager confirms a practice step the person reported done. */
    public PlanProgress confirm(String planId, String stepId, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", note);
        return call(PROGRESS, () -> progress.post().uri("/api/progress/plans/{plan}/steps/{step}/confirmation", planId, stepId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(PlanProgress.class));
    }

    /**
     * A service that cannot be reached (refused, timed out) is unavailable (503) to the page. A token the
     * service rejected, or one that can no longer be refreshed, asks for a new sign-in: Spring's OAuth2 client
     * filter answers {@link ClientAuthorizationRequiredException} by sending the browser to the issuer.
     */
    private static <T> T call(String service, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            throw new ServiceException(service, 503, null, e);
        } catch (ServiceException e) {
            if (e.status() == 401) {
                throw new ClientAuthorizationRequiredException(REGISTRATION_ID);
            }
            throw e;
        } catch (ClientAuthorizationException e) {
            if (e instanceof ClientAuthorizationRequiredException) {
                throw e;
            }
            throw new ClientAuthorizationRequiredException(REGISTRATION_ID);
        }
    }

    /** The problem detail's {@code detail} (RFC 9457), when the service sent one. */
    private String detail(ClientHttpResponse response) {
        try {
            String body = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
            JsonNode problem = json.readTree(body);
            JsonNode detail = problem.get("detail");
            return detail == null || detail.isNull() ? null : detail.asString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
