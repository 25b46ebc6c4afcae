package com.saypro.triage.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The files the pages load: {@code /css/**} and {@code /js/**} from {@code static/}, and the
 * webjars under {@code /webjars/**} by version-free paths (links to them name the version, so a
 * new version is fetched afresh). Spring Boot's own mappings are off
 * ({@code spring.web.resources.add-mappings=false}): they serve {@code /**}, so every link a
 * page builds ({@code /incidents/12}, hundreds on the board) was first looked up as a file on the
 * class path, in every jar, and a miss is not cached.
 */
@Configuration
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
        // resourceChain adds the webjars resolver: version-free paths and versioned links.
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true);
    }
}
