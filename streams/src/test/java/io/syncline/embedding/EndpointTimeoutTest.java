package io.syncline.embedding;

import io.syncline.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timeout is shown by GET /v1/providers the way the API takes it, so limits read from the API can be sent again.
 */
class EndpointTimeoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"2s", "500ms", "90s", "1500ms", "250us"})
    void aShownTimeoutIsAcceptedAgainAsTheSameTimeout(String given) throws Exception {
        EndpointLimits limits = remote(given).limits();
        String shown = Json.mapper().readTree(Json.mapper().writeValueAsString(limits)).get("timeout").asText();

        assertThat(remote(shown).problem()).isNull();
        assertThat(remote(shown).limits().timeout()).isEqualTo(limits.timeout());
    }

    @Test
    void timeoutsAreShownInTheirShortestExactUnit() throws Exception {
        assertThat(shown(Duration.ofSeconds(30))).isEqualTo("\"30s\"");
        assertThat(shown(Duration.ofMillis(1500))).isEqualTo("\"1500ms\"");
        assertThat(shown(Duration.ofNanos(250_000))).isEqualTo("\"250000ns\"");
    }

    @Test
    void malformedTimeoutsAreRefusedWithAnExample() {
        assertThat(remote("PT30S").problem()).contains("embedding.timeout", "\"30s\"", "'PT30S'");
        assertThat(remote("soon").problem()).contains("embedding.timeout", "'soon'");
        assertThat(remote("-1s").problem()).contains("must be positive");
    }

    private static String shown(Duration duration) throws Exception {
        return Json.mapper().writeValueAsString(duration);
    }

    private static EmbeddingSpec remote(String timeout) {
        return new EmbeddingSpec("openai", "text-embedding-3-small", "http://127.0.0.1:9/v1", null, "SYNCLINE_KEY",
                null, timeout, null, null, null, null, null);
    }
}
