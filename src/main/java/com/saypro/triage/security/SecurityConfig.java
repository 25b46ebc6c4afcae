package com.saypro.triage.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what (the matrix is in the README, "Sign-in and roles"). People sign in with the
 * form at {@code /login} or, for scripts, HTTP Basic; machines send a bearer token. The JSON
 * API and the collector are exempt from CSRF tokens because they accept only JSON bodies
 * ({@link JsonOnlyFilter}) and Triage allows no cross-origin requests, so no other site can
 * make a browser send them; every form posts a CSRF token.
 */
@Configuration
class SecurityConfig {

    /** Every role may read; ADMIN may do what every other role may. */
    static final String USER = "USER";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String[] INGEST = { "/api/v1/alerts", "/api/v1/alerts/**", "/api/v1/metrics",
            "/api/v1/logs", "/api/v1/traces", "/api/v1/changes", "/services/collector", "/services/collector/**" };

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.ANALYST.name(), Role.ENGINEER.name(), Role.REVIEWER.name())
                .role(Role.ANALYST.name()).implies(USER)
                .role(Role.ENGINEER.name()).implies(USER)
                .role(Role.REVIEWER.name()).implies(USER)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return username -> accounts.credentials(username).map(c -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            c.account().roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            return User.withUsername(c.account().username()).password(c.passwordHash()).authorities(authorities)
                    .disabled(!c.account().enabled()).build();
        }).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords,
            LoginThrottle throttle) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        return new ProviderManager(new ThrottledAuthenticationProvider(provider, throttle));
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, ApiTokens tokens, AuthenticationManager authentication)
            throws Exception {
        RequestMatcher api = new OrRequestMatcher(path("/api/**"), path("/services/**"), path("/actuator/**"));
        ApiAuthenticationEntryPoint apiEntryPoint = new ApiAuthenticationEntryPoint();
        var failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl("/login?error");
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));

        // After signing in, back to the page asked for, without a "?continue" in the address.
        var requestCache = new HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null);
        http.authenticationManager(authentication)
                .requestCache(cache -> cache.requestCache(requestCache))
                .authorizeHttpRequests(requests -> requests
                        // ASYNC: a stream's (GET /api/v1/stream) end is dispatched again; its request was authorised.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, INGEST).hasAuthority(Scope.INGEST.authority())
                        .requestMatchers("/api/v1/users/**", "/api/v1/users", "/api/v1/tokens/**", "/api/v1/tokens",
                                "/api/v1/probes", "/api/v1/probes/**", "/api/v1/notification-targets",
                                "/api/v1/notification-targets/**", "/admin", "/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/audit", "/audit").hasAnyRole(Role.ADMIN.name(), Role.REVIEWER.name())
                        // Post-mortems: analysts and reviewers write them, every role comments, reviewers publish.
                        .requestMatchers(HttpMethod.POST, "/api/v1/postmortems/*/publish",
                                "/api/v1/postmortems/*/reopen", "/postmortems/*/publish", "/postmortems/*/reopen")
                        .hasRole(Role.REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/postmortems/*/comments", "/postmortems/*/comments")
                        .hasRole(USER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/postmortem", "/incidents/*/postmortem",
                                "/api/v1/postmortems/**", "/postmortems/**")
                        .hasAnyRole(Role.ANALYST.name(), Role.REVIEWER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/postmortems/**")
                        .hasAnyRole(Role.ANALYST.name(), Role.REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/incidents/**", "/api/v1/playbook-runs/**",
                                "/incidents/**").hasRole(Role.ANALYST.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/rules/**", "/rules/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/thresholds/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/kb/**", "/kb/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers("/kb/*/new", "/kb/*/*/edit").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/kb/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/kb/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.POST, "/thresholds", "/thresholds/**").hasRole(Role.ENGINEER.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyAuthority("ROLE_" + USER, Scope.READ.authority())
                        .requestMatchers("/api/**", "/services/**").hasRole(Role.ADMIN.name())
                        .anyRequest().hasRole(USER))
                .addFilterBefore(new TokenAuthenticationFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterAfter(new JsonOnlyFilter(api), AuthorizationFilter.class)
                .httpBasic(basic -> basic.realmName("triage").authenticationEntryPoint(apiEntryPoint))
                .formLogin(form -> form.loginPage("/login").failureHandler(failures).defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/api/**"), path("/services/**")))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor(new ApiAccessDeniedHandler(), api)
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
