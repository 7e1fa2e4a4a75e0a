package org.skillpath.progress.config;

import org.skillpath.progress.progress.ProgressPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProgressPolicy.class)
class PolicyConfiguration {
}
