package io.syncline.api;

import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

import java.util.List;

/**
 * A request that cannot be served, with the status, the error code and the message the client gets as
 * {@code {"error":{"code","message"}}}. The message says what is wrong and, where it helps, what to do.
 */
public final class ApiException extends RuntimeException {

    private final StatusCode status;
    private final String code;
    private final List<HttpHeader> headers;

    public ApiException(StatusCode status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(StatusCode status, String code, String message, List<HttpHeader> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = List.copyOf(headers);
    }

    public static ApiException invalid(String message) {
        return new ApiException(StatusCodes.BAD_REQUEST, "invalid_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(StatusCodes.NOT_FOUND, "not_found", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(StatusCodes.FORBIDDEN, "forbidden", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(StatusCodes.CONFLICT, "conflict", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message);
    }

    public StatusCode status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Headers the answer carries besides the error (WWW-Authenticate, Retry-After). */
    public List<HttpHeader> headers() {
        return headers;
    }
}
