package org.remotesupport.bench.browser;

import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;

/**
 * What the browser benchmarks wait for on a page: that it stopped fetching. Polls the page's
 * resource timing from the calling thread.
 */
public final class PageActivity {

    private PageActivity() {
    }

    /**
     * Returns once no resource finished loading for {@code quiet} (the page's lazily loaded modules
     * are in), or when {@code within} has passed.
     */
    public static void awaitNoNewResources(JavascriptExecutor page, Duration quiet, Duration within) {
        long seen = -1;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            long count = ((Number) page.executeScript(
                    "return performance.getEntriesByType('resource').filter(r => r.responseEnd > 0).length")).longValue();
            if (count != seen) {
                seen = count;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quiet.toNanos()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the page", e);
            }
        }
    }
}
