package io.syncline.embedding.remote;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;

/**
 * An HTTP answer other than 2xx from a provider, with what LangChain4j's own exception drops: the Retry-After the
 * provider asked for. LangChain4j wraps it in its own exception types; the classification finds it by cause.
 */
final class ProviderHttpException extends HttpException {

    private final Duration retryAfter;

    ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** The pause the provider asked for, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
