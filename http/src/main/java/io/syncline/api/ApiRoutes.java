package io.syncline.api;

import io.syncline.embedding.ProviderCallException;
import io.syncline.embedding.ProviderUnavailableException;
import io.syncline.search.SearchService;
import io.syncline.sync.IndexServices;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/**
 * The whole API: every resource's routes under one exception handler and one rejection handler, so that every
 * error, ours or Pekko HTTP's (unknown path, wrong method, unreadable body), is {@code {"error":{"code","message"}}}.
 */
public final class ApiRoutes extends AllDirectives {

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    /** Seconds a client should wait before trying again after a 503. */
    private static final HttpHeader RETRY_AFTER = RawHeader.create("Retry-After", "5");

    private final WorkspaceRoutes workspaceRoutes;
    private final SourceRoutes sourceRoutes;
    private final SyncRoutes syncRoutes;
    private final SearchRoutes searchRoutes;
    private final ManifestRoutes manifestRoutes;
    private final DeadLetterRoutes deadLetterRoutes;
    private final ProviderRoutes providerRoutes;

    public ApiRoutes(Workspaces workspaces, SearchService search, IndexServices services) {
        SourceValidation validation = new SourceValidation(services.blocking());
        this.workspaceRoutes = new WorkspaceRoutes(workspaces, services.embedders());
        this.sourceRoutes = new SourceRoutes(workspaces, validation);
        this.syncRoutes = new SyncRoutes(workspaces, validation, services.embedders());
        this.searchRoutes = new SearchRoutes(workspaces, search);
        this.manifestRoutes = new ManifestRoutes(workspaces, services.documents());
        this.deadLetterRoutes = new DeadLetterRoutes(workspaces, services.deadLetters(), services.system());
        this.providerRoutes = new ProviderRoutes(services.embedders());
    }

    public Route route() {
        return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(
                workspaceRoutes.route(), sourceRoutes.route(), syncRoutes.route(), searchRoutes.route(),
                manifestRoutes.route(), deadLetterRoutes.route(), providerRoutes.route())));
    }

    private ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .matchAny(error -> {
                    Throwable cause = error;
                    while (cause instanceof CompletionException && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof ApiException api) {
                        HttpResponse response = errorResponse(api.status(), api.code(), api.getMessage());
                        return complete(api.status().equals(StatusCodes.SERVICE_UNAVAILABLE)
                                ? response.addHeader(RETRY_AFTER) : response);
                    }
                    if (StorageFailure.isOutage(cause)) {
                        log.warn("request failed, Cassandra is unavailable: {}", cause.toString());
                        return complete(errorResponse(StatusCodes.SERVICE_UNAVAILABLE, "storage_unavailable",
                                StorageFailure.MESSAGE).addHeader(RETRY_AFTER));
                    }
                    if (cause instanceof ProviderUnavailableException unavailable) {
                        return complete(errorResponse(StatusCodes.SERVICE_UNAVAILABLE, "provider_unavailable",
                                unavailable.getMessage()));
                    }
                    if (cause instanceof ProviderCallException refused) {
                        return complete(errorResponse(StatusCodes.BAD_GATEWAY, "provider_error",
                                refused.getMessage()));
                    }
                    log.error("request failed", cause);
                    return complete(errorResponse(StatusCodes.INTERNAL_SERVER_ERROR, "internal",
                            "the request failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                                    + " (see the node's log)"));
                })
                .build();
    }

    /** Pekko HTTP's own rejections, with its messages, as JSON. */
    private static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            HttpEntity entity = response.entity();
            if (entity instanceof HttpEntity.Strict strict
                    && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
                String message = strict.getData().utf8String();
                return errorResponse(response.status(), codeOf(response.status()), message);
            }
            return response;
        });
    }

    private static String codeOf(StatusCode status) {
        return switch (status.intValue()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media_type";
            case 413 -> "payload_too_large";
            default -> status.intValue() >= 500 ? "internal" : "bad_request";
        };
    }

    static HttpResponse errorResponse(StatusCode status, String code, String message) {
        try {
            byte[] body = io.syncline.json.Json.mapper().writeValueAsBytes(ApiError.of(code, message));
            return HttpResponse.create().withStatus(status)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
