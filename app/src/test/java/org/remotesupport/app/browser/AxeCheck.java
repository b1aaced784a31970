package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (Deque's release for Selenium, pinned in the build) on the page a browser shows
 * now, against WCAG 2.1 A and AA and axe's best practices, and fails on any violation of serious
 * or critical impact, naming the rule and the elements. Use it on any page in any state:
 * {@code AxeCheck.assertAccessible(driver, "agent console, in a call")}. Blocks the calling thread
 * while axe runs in the page (about a second).
 */
final class AxeCheck {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private AxeCheck() {
    }

    /** The serious and critical violations on the page now, one line each: rule, impact, elements. */
    static List<String> seriousViolations(WebDriver driver) {
        Results results = new AxeBuilder().withTags(TAGS).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core did not run: " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .map(AxeCheck::describe)
                .toList();
    }

    /**
     * Fails when the page has a serious or critical violation.
     * @param what the page and its state, for the failure message
     */
    static void assertAccessible(WebDriver driver, String what) {
        assertThat(seriousViolations(driver)).as("serious or critical accessibility violations on " + what).isEmpty();
    }

    private static String describe(Rule rule) {
        String nodes = rule.getNodes().stream()
                .limit(5)
                .map(CheckedNode::getHtml)
                .collect(Collectors.joining(" | "));
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — " + nodes;
    }
}
