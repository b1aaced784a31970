package org.remotesupport.signaling.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the customer link {@code GET /s/{code}} by forwarding to {@code /customer.html}, the static
 * page of the web client, which reads the code from the address bar. The code is not checked here:
 * the page learns whether it is valid from {@code session.join}. Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerPageConfiguration {

    /** The page the link forwards to. */
    public static final String CUSTOMER_PAGE = "/customer.html";

    @Bean
    WebMvcConfigurer customerLink() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/s/{code}").setViewName("forward:" + CUSTOMER_PAGE);
            }
        };
    }
}
