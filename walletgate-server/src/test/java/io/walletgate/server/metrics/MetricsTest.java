package io.walletgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Pattern LE =
            Pattern.compile("walletgate_verification_seconds_bucket\\{issuer=\"a\",le=\"([^\"]+)\"}");
    private static final String HTTP_COUNT = "walletgate_http_requests_seconds_count";

    private static List<String> lines(Metrics m) {
        return m.scrape().lines().toList();
    }

    @Test
    void the_verification_histogram_has_exactly_the_documented_buckets_and_counts_into_them() {
        Metrics m = new Metrics();
        m.onVerification("a", null, Duration.ofNanos(80_000));
        m.onVerification("a", ErrorCode.TOKEN_EXPIRED, Duration.ofMillis(3));
        List<String> les = lines(m).stream().map(LE::matcher).filter(Matcher::lookingAt).map(x -> x.group(1))
                .toList();
        assertThat(les).containsExactly("1.0E-4", "2.5E-4", "5.0E-4", "0.001", "0.005", "0.025", "0.1", "1.0",
                "+Inf");
        assertThat(Arrays.stream(Metrics.VERIFICATION_BUCKETS).map(Duration::toNanos).toList()).containsExactly(
                100_000L, 250_000L, 500_000L, 1_000_000L, 5_000_000L, 25_000_000L, 100_000_000L, 1_000_000_000L);
        String text = m.scrape();
        assertThat(text).contains("walletgate_verification_seconds_bucket{issuer=\"a\",le=\"1.0E-4\"} 1")
                .contains("walletgate_verification_seconds_bucket{issuer=\"a\",le=\"0.001\"} 1")
                .contains("walletgate_verification_seconds_bucket{issuer=\"a\",le=\"0.005\"} 2")
                .contains("walletgate_verification_seconds_count{issuer=\"a\"} 2")
                .contains("walletgate_verifications_total{issuer=\"a\",outcome=\"token_expired\"} 1.0");
    }

    @Test
    void an_http_series_has_no_buckets_and_its_method_and_status_come_from_bounded_sets() {
        Metrics m = new Metrics();
        m.http("/v1/auth", "GET", 200, 50_000);
        m.http("/v1/auth", "GET", 200, 70_000);
        m.http("unmatched", "BREW", 404, 1_000);
        m.http("/v1/auth", "BREW", 418, 1_000);
        m.http("/v1/auth", "GET", 999, 1_000);
        String text = m.scrape();
        assertThat(text).doesNotContain("walletgate_http_requests_seconds_bucket")
                .doesNotContain("walletgate_http_requests_seconds_max")
                .contains("walletgate_http_requests_seconds_sum{method=\"GET\",route=\"/v1/auth\",status=\"200\"} "
                        + "1.2E-4")
                .contains(HTTP_COUNT + "{method=\"GET\",route=\"/v1/auth\",status=\"200\"} 2")
                .contains(HTTP_COUNT + "{method=\"any\",route=\"unmatched\",status=\"404\"} 1")
                .contains(HTTP_COUNT + "{method=\"other\",route=\"/v1/auth\",status=\"4xx\"} 1")
                .contains(HTTP_COUNT + "{method=\"GET\",route=\"/v1/auth\",status=\"other\"} 1")
                .doesNotContain("BREW").doesNotContain("418").doesNotContain("999");
        assertThat(HttpTimers.method(null)).isEqualTo("other");
        assertThat(HttpTimers.method("get")).isEqualTo("other");
        assertThat(HttpTimers.status(99)).isEqualTo("other");
        assertThat(HttpTimers.status(101)).isEqualTo("1xx");
        assertThat(HttpTimers.status(431)).isEqualTo("431");
    }

    @Test
    void past_the_cap_a_new_http_series_is_counted_under_other_and_the_scrape_stops_growing() {
        Metrics m = new Metrics();
        for (int i = 0; i < HttpTimers.MAX_SERIES; i++) {
            m.http("/route-" + i, "GET", 200, 1_000);
        }
        int atCap = lines(m).size();
        for (int i = 0; i < 500; i++) {
            m.http("/more-" + i, "POST", 201, 1_000);
        }
        assertThat(lines(m)).hasSize(atCap);
        assertThat(m.scrape())
                .contains(HTTP_COUNT + "{method=\"other\",route=\"other\",status=\"other\"} 500")
                .doesNotContain("/more-");
        m.http("/route-0", "GET", 200, 1_000); // a series made before the cap still counts as itself
        assertThat(m.scrape())
                .contains(HTTP_COUNT + "{method=\"GET\",route=\"/route-0\",status=\"200\"} 2");
    }
}
