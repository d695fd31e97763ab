package io.syncline.embedding.remote;

import dev.langchain4j.exception.RateLimitException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderFailureTest {

    @Test
    void a429KeepsItsRetryAfterThroughLangChain4jsWrapping() {
        Throwable wrapped = new CompletionException(new RateLimitException("slow down",
                new ProviderHttpException(429, "{\"error\":{\"message\":\"Rate limit reached\"}}",
                        Duration.ofSeconds(7))));

        ProviderFailure failure = ProviderFailure.classify(wrapped);

        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.message()).contains("HTTP 429").contains("Rate limit reached");
    }

    @Test
    void statusesAreSortedByWhatCanHelp() {
        assertThat(kind(500)).isEqualTo(ProviderFailure.Kind.TRANSIENT);
        assertThat(kind(503)).isEqualTo(ProviderFailure.Kind.TRANSIENT);
        assertThat(kind(408)).isEqualTo(ProviderFailure.Kind.TRANSIENT);
        assertThat(kind(400)).isEqualTo(ProviderFailure.Kind.INPUT_REJECTED);
        assertThat(kind(413)).isEqualTo(ProviderFailure.Kind.INPUT_REJECTED);
        assertThat(kind(401)).isEqualTo(ProviderFailure.Kind.PERMANENT);
        assertThat(kind(403)).isEqualTo(ProviderFailure.Kind.PERMANENT);
        assertThat(kind(404)).isEqualTo(ProviderFailure.Kind.PERMANENT);
    }

    @Test
    void timeoutsAndBrokenConnectionsMayPassWhileBadAnswersWillNot() {
        assertThat(ProviderFailure.classify(new RuntimeException(new UncheckedIOException(
                new HttpTimeoutException("request timed out")))).kind()).isEqualTo(ProviderFailure.Kind.TRANSIENT);
        assertThat(ProviderFailure.classify(new RuntimeException(new IOException(
                "HTTP/1.1 header parser received no bytes"))).kind()).isEqualTo(ProviderFailure.Kind.TRANSIENT);
        assertThat(ProviderFailure.classify(new RuntimeException(
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected end-of-input"))).kind())
                .isEqualTo(ProviderFailure.Kind.PERMANENT);
        assertThat(ProviderFailure.classify(new CompletionException(new WrongDimensionException(12, 384))).message())
                .contains("12 dimensions").contains("expects 384");
    }

    @Test
    void cohereErrorsAreReadFromTheirMessage() {
        ProviderFailure failure = ProviderFailure.classify(
                new RuntimeException("status code: 429; body: {\"message\":\"You are using a Trial key\"}"));

        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.RATE_LIMITED);
        assertThat(failure.message()).contains("Trial key");
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(CapturingHttpClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(CapturingHttpClient.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(CapturingHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(CapturingHttpClient.retryAfter("soon")).isNull();
        assertThat(CapturingHttpClient.retryAfter(null)).isNull();
    }

    private static ProviderFailure.Kind kind(int status) {
        return ProviderFailure.classify(new ProviderHttpException(status, "{}", null)).kind();
    }
}
