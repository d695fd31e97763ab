package io.syncline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.syncline.embedding.ProviderCallException;
import io.syncline.embedding.ProviderUnavailableException;
import io.syncline.json.Json;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/**
 * Every error answer of the API, ours or Pekko HTTP's (unknown path, wrong method, unreadable body), as
 * {@code {"error":{"code","message"}}}: one exception handler and one rejection handler.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** Seconds a client should wait before trying again after a 503. */
    static final HttpHeader RETRY_AFTER = RawHeader.create("Retry-After", "5");

    private ApiErrors() {
    }

    static ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .matchAny(error -> Directives.complete(response(error)))
                .build();
    }

    private static HttpResponse response(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            HttpResponse response = of(api.status(), api.code(), api.getMessage()).addHeaders(api.headers());
            return api.status().equals(StatusCodes.SERVICE_UNAVAILABLE) ? response.addHeader(RETRY_AFTER) : response;
        }
        if (cause instanceof EntityStreamSizeException tooLarge) {
            return of(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large", "the request body is larger than "
                    + tooLarge.limit() + " bytes, the limit of this route");
        }
        if (StorageFailure.isOutage(cause)) {
            log.warn("request failed, Cassandra is unavailable: {}", cause.toString());
            return of(StatusCodes.SERVICE_UNAVAILABLE, "storage_unavailable", StorageFailure.MESSAGE)
                    .addHeader(RETRY_AFTER);
        }
        if (cause instanceof ProviderUnavailableException unavailable) {
            return of(StatusCodes.SERVICE_UNAVAILABLE, "provider_unavailable", unavailable.getMessage());
        }
        if (cause instanceof ProviderCallException refused) {
            return of(StatusCodes.BAD_GATEWAY, "provider_error", refused.getMessage());
        }
        log.error("request failed", cause);
        return of(StatusCodes.INTERNAL_SERVER_ERROR, "internal",
                "the request failed on the node (" + cause.getClass().getSimpleName() + "); see the node's log");
    }

    /** Pekko HTTP's own rejections, with its messages and headers, as JSON. */
    static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            HttpEntity entity = response.entity();
            if (entity instanceof HttpEntity.Strict strict
                    && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
                String message = strict.getData().utf8String();
                return of(response.status(), codeOf(response.status()), message).addHeaders(response.getHeaders());
            }
            return response;
        });
    }

    private static String codeOf(StatusCode status) {
        return switch (status.intValue()) {
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media_type";
            case 413 -> "payload_too_large";
            default -> status.intValue() >= 500 ? "internal" : "bad_request";
        };
    }

    static HttpResponse of(StatusCode status, String code, String message) {
        try {
            byte[] body = Json.mapper().writeValueAsBytes(ApiError.of(code, message));
            return HttpResponse.create().withStatus(status)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
