package org.skillpath.progress.xapi;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(XapiProperties.class)
class XapiConfiguration {

    @Bean
    FilterRegistrationBean<XapiVersion> xapiVersionHeader() {
        FilterRegistrationBean<XapiVersion> registration = new FilterRegistrationBean<>(new XapiVersion());
        registration.addUrlPatterns("/xapi/*");
        // Before the body-size limit, so even its 413 carries the version header.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
