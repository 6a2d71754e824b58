package dev.postings.starter.security;

import dev.postings.starter.bodylimit.BodyLimitFilter;
import dev.postings.starter.bodylimit.RequestBodyLimits;
import dev.postings.starter.caller.ApiRole;
import dev.postings.starter.cardvault.CardVaultAuthentication;
import dev.postings.starter.cardvault.CardVaultSecretCheck;
import dev.postings.starter.cardvault.CardVaultSettings;
import dev.postings.starter.codec.CodecSettings;
import dev.postings.starter.webhook.PropexoSignatureCheck;
import dev.postings.starter.webhook.PropexoSignatureFilter;
import dev.postings.starter.webhook.PropexoWebhookAuthentication;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * Who may call what, for every route of the starter, decided by Spring Security alone:
 *
 * <ul>
 *   <li>The strict firewall refuses, with 400, any request whose path is not canonical ({@code ;}, encoded {@code /}
 *       or {@code %}, {@code \}, {@code //}, {@code .} and {@code ..} segments) or whose method is unusual (TRACE),
 *       before any rule is looked at: what the rules below see is what Spring MVC routes.
 *   <li>Rules are route patterns matched as Spring MVC matches them (decoded, {@link PathPatternRequestMatcher}), and
 *       what no rule names is denied: 401 without a credential, 403 with one.
 *   <li>Public: the probes' health, the OpenAPI document, Swagger UI, the console's page and files (the console itself
 *       calls the API with the operator's key).
 *   <li>The API: an API key ({@code X-Api-Key} or {@code Authorization: Bearer}, {@link ApiKeyChecker}); role service
 *       starts postings and reads its service's; role operator reads all and may call every API route (actions,
 *       re-drive, the Temporal codec).
 *   <li>{@code /internal/card-vault}: the worker's secret ({@link CardVaultSecretCheck}), authority {@value
 *       CardVaultAuthentication#AUTHORITY}; {@code /webhooks/propexo}: Propexo's signature over the body ({@link
 *       PropexoSignatureFilter}), authority {@value PropexoWebhookAuthentication#AUTHORITY}. Neither is granted by any
 *       API key, nor does either credential open the API.
 *   <li>Every body is bounded before it is read ({@link BodyLimitFilter}).
 * </ul>
 *
 * No sessions, no cookies, no login page: every call carries its credential, so there is no CSRF to guard against.
 */
@Configuration
public class FrontDoorSecurity {

  private static final PathPatternRequestMatcher.Builder ROUTE = PathPatternRequestMatcher.withDefaults();

  @Bean
  RequestBodyLimits requestBodyLimits(Environment environment) {
    return Binder.get(environment).bind("postings.request-body-limits", RequestBodyLimits.class)
        .orElseThrow(() -> new IllegalStateException("postings.request-body-limits.* is not configured"));
  }

  /** The strict firewall as it comes, named so that nobody loosens it by accident. */
  @Bean
  StrictHttpFirewall httpFirewall() {
    return new StrictHttpFirewall();
  }

  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return Refusals.firewall();
  }

  @Bean
  SecurityFilterChain frontDoor(HttpSecurity http, ApiKeySettings keys, CardVaultSettings cardVault,
      @Value("${postings.webhooks.propexo.secret}") String webhookSecret, RequestBodyLimits bodyLimits,
      CodecSettings codec) throws Exception {
    RequestMatcher internal = ROUTE.matcher("/internal/**");
    RequestMatcher webhooks = ROUTE.matcher("/webhooks/**");
    http
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // CORS for the codec's configured origins only; a refused one answers in JSON (Spring's own says it in text)
        .cors(AbstractHttpConfigurer::disable)
        .addFilterAfter(corsFilter(codec), HeaderWriterFilter.class)
        // The console is a page operators open with an operator key in memory: it may run only its own script and
        // style and talk only to this origin, so an injected string (a reference, a note) can never run as script or
        // send the key elsewhere. It uses no inline script or style.
        .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(get("/console/**"),
            new ContentSecurityPolicyHeaderWriter("default-src 'none'; script-src 'self'; style-src 'self';"
                + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'"))))
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(Refusals.unauthenticated())
            .accessDeniedHandler(Refusals.forbidden()))
        // API keys everywhere but on the two routes with credentials of their own (where a bearer token is the
        // worker's secret, and an API key means nothing)
        .addFilterBefore(authentication(new NegatedRequestMatcher(new OrRequestMatcher(internal, webhooks)),
            new ApiKeyConverter(), new ProviderManager(new ApiKeyChecker(keys.keys()))),
            AnonymousAuthenticationFilter.class)
        .addFilterBefore(authentication(internal, CardVaultSecretCheck.converter(),
            new ProviderManager(new CardVaultSecretCheck(cardVault))), AnonymousAuthenticationFilter.class)
        // the limit after the header-only checks and before the one check that reads a body
        .addFilterBefore(new BodyLimitFilter(bodyLimits), AnonymousAuthenticationFilter.class)
        .addFilterBefore(new PropexoSignatureFilter(new ProviderManager(new PropexoSignatureCheck(webhookSecret))),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(rules -> rules
            // the error page renders an answer already decided (a 404, a 405) for a request that passed the rules
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(get("/actuator/health"), get("/actuator/health/**")).permitAll()
            .requestMatchers(get("/v3/api-docs"), get("/v3/api-docs/**"), get("/swagger-ui.html"),
                get("/swagger-ui/**")).permitAll()
            .requestMatchers(get("/console"), get("/console/"), get("/console/**")).permitAll()
            .requestMatchers(ROUTE.matcher(HttpMethod.POST, "/internal/card-vault/{reference}/redeem"),
                ROUTE.matcher(HttpMethod.DELETE, "/internal/card-vault/{reference}"))
            .hasAuthority(CardVaultAuthentication.AUTHORITY)
            .requestMatchers(ROUTE.matcher(HttpMethod.POST, "/webhooks/propexo"))
            .hasAuthority(PropexoWebhookAuthentication.AUTHORITY)
            .requestMatchers(get("/api/postings"), ROUTE.matcher(HttpMethod.POST, "/api/postings"),
                get("/api/postings/{postingId}"), get("/api/postings/{postingId}/timeline"),
                get("/api/batches"), ROUTE.matcher(HttpMethod.POST, "/api/batches/{batchId}"),
                get("/api/batches/{batchId}"),
                get("/api/batches/{batchId}/results"))
            .hasAnyAuthority(ApiRole.SERVICE.authority(), ApiRole.OPERATOR.authority())
            // connections (docs/decisions/0023-connections.md): operators and admins read and check them, admins
            // create, rotate and disable them; services neither
            .requestMatchers(get("/api/connections"), get("/api/connections/{connectionId}"),
                ROUTE.matcher(HttpMethod.POST, "/api/connections/{connectionId}/check"))
            .hasAnyAuthority(ApiRole.OPERATOR.authority(), ApiRole.ADMIN.authority())
            .requestMatchers(ROUTE.matcher("/api/connections"), ROUTE.matcher("/api/connections/**"))
            .hasAuthority(ApiRole.ADMIN.authority())
            // reconciliations (docs/reconciliation.md): operators only. A report lists every posting of a
            // connection's day whichever service sent it, while a service key reads its own service's postings only
            .requestMatchers(ROUTE.matcher("/api/reconciliations"), ROUTE.matcher("/api/reconciliations/**"))
            .hasAuthority(ApiRole.OPERATOR.authority())
            // operators: every other API route; one that does not exist is then Spring MVC's 404 or 405
            .requestMatchers(ROUTE.matcher("/api/**")).hasAuthority(ApiRole.OPERATOR.authority())
            .requestMatchers(get("/actuator/prometheus"))
            .hasAnyAuthority(ApiRole.OPERATOR.authority(), ApiRole.METRICS.authority())
            .anyRequest().denyAll());
    return http.build();
  }

  private static CorsFilter corsFilter(CodecSettings codec) {
    CorsFilter cors = new CorsFilter(codec.corsConfiguration());
    cors.setCorsProcessor(Refusals.corsRefusal());
    return cors;
  }

  private static RequestMatcher get(String pattern) {
    return ROUTE.matcher(HttpMethod.GET, pattern);
  }

  /**
   * A credential read from headers: presented and wrong is a 401 at once; absent, the request goes on unauthenticated
   * (and is refused where a credential is needed); right, it goes on authenticated.
   */
  private static AuthenticationFilter authentication(RequestMatcher where, AuthenticationConverter credential,
      ProviderManager check) {
    AuthenticationFilter filter = new AuthenticationFilter(check, credential);
    filter.setRequestMatcher(where);
    filter.setFailureHandler(Refusals.wrongCredential());
    filter.setSuccessHandler((request, response, authentication) -> {
      // nothing to do: the chain goes on with the caller in the security context
    });
    return filter;
  }
}
