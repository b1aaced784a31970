package org.remotesupport.signaling.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.remotesupport.signaling.invite.InviteException;
import org.remotesupport.signaling.invite.InviteService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the invite link {@code GET /s/{token}}: a link that can still be used is forwarded to
 * {@code /customer.html}, the static page of the web client, which reads the token from the address
 * bar and uses it up in {@code hello}; an expired or used link gets a page that says so (HTTP 410),
 * a malformed one a page saying it is not valid (HTTP 404). Checking does not use the link up.
 * Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerPageConfiguration {

    /** The page the link forwards to. */
    public static final String CUSTOMER_PAGE = "/customer.html";
    private static final String LINK = "/s/{token}";

    @Bean
    WebMvcConfigurer inviteLink(InviteService invites) {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController(LINK).setViewName("forward:" + CUSTOMER_PAGE);
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new InviteCheck(invites)).addPathPatterns(LINK);
            }
        };
    }

    /** Lets a usable link through to the page and answers any other with a page that says why; servlet threads. */
    static final class InviteCheck implements HandlerInterceptor {

        private final InviteService invites;

        InviteCheck(InviteService invites) {
            this.invites = invites;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws IOException {
            String path = request.getRequestURI();
            String token = path.substring(path.lastIndexOf('/') + 1);
            try {
                invites.check(token);
                return true;
            } catch (InviteException e) {
                int status = e.reason() == InviteException.Reason.INVALID ? HttpServletResponse.SC_NOT_FOUND
                        : HttpServletResponse.SC_GONE;
                String title = switch (e.reason()) {
                    case EXPIRED -> "This link has expired";
                    case USED -> "This link was already used";
                    case INVALID -> "This link is not valid";
                };
                response.setStatus(status);
                response.setContentType("text/html");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader("Cache-Control", "no-store");
                response.getWriter().write(page(title, e.getMessage()));
                return false;
            }
        }

        private static String page(String title, String message) {
            String text = HtmlUtils.htmlEscape(message);
            return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/css/base.css\"></head>"
                    + "<body class=\"customer\"><main><h1>" + title + "</h1><p id=\"reason\">"
                    + Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".</p>"
                    + "<p><a href=\"/help.html\">Get help another way</a></p></main></body></html>";
        }
    }
}
