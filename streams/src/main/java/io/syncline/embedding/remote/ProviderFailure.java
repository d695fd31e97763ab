package io.syncline.embedding.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a call to a provider failed, sorted by what can help: waiting as the provider asked (429), trying again
 * (timeouts, connection errors, 408, 5xx), splitting the batch (400, 413, 422: one input may be the cause), or
 * nothing (401, 403, 404, malformed answers, wrong dimensions: every input would fail the same way).
 */
record ProviderFailure(Kind kind, int status, Duration retryAfter, String message) {

    enum Kind {
        RATE_LIMITED,
        TRANSIENT,
        INPUT_REJECTED,
        PERMANENT
    }

    /** How LangChain4j's Cohere client (Retrofit, not the HTTP client above) reports a non-2xx answer. */
    private static final Pattern COHERE_ERROR = Pattern.compile("status code: (\\d+); body: (.*)", Pattern.DOTALL);

    /** A provider's error body, cut short: a reason to show, not a dump. */
    static final int MAX_MESSAGE = 500;

    static ProviderFailure classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderHttpException http) {
                return ofStatus(http.statusCode(), http.getMessage(), http.retryAfter());
            }
            if (cause instanceof WrongDimensionException) {
                return new ProviderFailure(Kind.PERMANENT, 0, null, cause.getMessage());
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return ofStatus(http.statusCode(), http.getMessage(), null);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
                return new ProviderFailure(Kind.TRANSIENT, 0, null, "timed out: " + cause.getMessage());
            }
            Matcher cohere = cause.getMessage() == null ? null : COHERE_ERROR.matcher(cause.getMessage());
            if (cohere != null && cohere.matches()) {
                return ofStatus(Integer.parseInt(cohere.group(1)), cohere.group(2), null);
            }
            if (cause instanceof JsonProcessingException) {
                return new ProviderFailure(Kind.PERMANENT, 0, null,
                        "the provider's answer is not the JSON expected: " + cut(cause.getMessage()));
            }
        }
        Throwable root = root(error);
        if (root instanceof IOException || root instanceof UncheckedIOException
                || root instanceof dev.langchain4j.exception.TimeoutException) {
            return new ProviderFailure(Kind.TRANSIENT, 0, null,
                    "connection failed: " + root.getClass().getSimpleName() + ": " + cut(root.getMessage()));
        }
        return new ProviderFailure(Kind.PERMANENT, 0, null,
                root.getClass().getSimpleName() + ": " + cut(root.getMessage()));
    }

    static ProviderFailure ofStatus(int status, String body, Duration retryAfter) {
        String message = "HTTP " + status + ": " + cut(body);
        if (status == 429) {
            return new ProviderFailure(Kind.RATE_LIMITED, status, retryAfter, message);
        }
        if (status == 408 || status >= 500) {
            return new ProviderFailure(Kind.TRANSIENT, status, retryAfter, message);
        }
        if (status == 400 || status == 413 || status == 422) {
            return new ProviderFailure(Kind.INPUT_REJECTED, status, null, message);
        }
        return new ProviderFailure(Kind.PERMANENT, status, null, message);
    }

    private static Throwable root(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
    }
}
