package io.syncline.api;

import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.function.Function;

/**
 * A request's body as the routes read it: JSON only (415 otherwise, which also refuses what a web page can send
 * without asking: forms and text/plain), and at most {@link #MAX_BYTES} (413 otherwise), counted as it arrives.
 */
final class JsonRequest extends AllDirectives {

    /** Every request body of the API is a small JSON object: the largest, a config or a source, is well under 4 KiB. */
    static final long MAX_BYTES = 64 * 1024;

    private JsonRequest() {
    }

    static Route body(Function<String, Route> inner) {
        return new JsonRequest().read(inner);
    }

    private Route read(Function<String, Route> inner) {
        return extractRequestEntity(entity -> {
            if (!isEmpty(entity) && !"application/json".equals(entity.getContentType().mediaType().toString())) {
                throw new ApiException(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "request bodies must be JSON, sent with 'Content-Type: application/json'; this one was '"
                                + entity.getContentType().mediaType() + "'");
            }
            long length = entity.getContentLengthOption().orElse(-1);
            if (length > MAX_BYTES) {
                throw tooLarge(length);
            }
            return withSizeLimit(MAX_BYTES, () -> entity(Unmarshaller.entityToString(), inner));
        });
    }

    private static boolean isEmpty(HttpEntity entity) {
        return entity.isKnownEmpty() || entity.getContentLengthOption().orElse(-1) == 0;
    }

    static ApiException tooLarge(long length) {
        return new ApiException(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large", "the request body has "
                + length + " bytes; the limit is " + MAX_BYTES + " bytes");
    }
}
