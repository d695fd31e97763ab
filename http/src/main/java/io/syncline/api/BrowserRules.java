package io.syncline.api;

import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What keeps a web page from using the API through a browser: a {@code Host} outside the operator's list is
 * refused (421: DNS rebinding), and cross-origin calls are allowed only for the origins the operator lists (CORS
 * headers and preflight answers for those, nothing for any other). JSON-only bodies ({@link JsonRequest}) refuse
 * the forms a page can post without a preflight.
 */
final class BrowserRules extends AllDirectives {

    private final HttpSettings settings;

    BrowserRules(HttpSettings settings) {
        this.settings = settings;
    }

    Route apply(Supplier<Route> inner) {
        Supplier<Route> withCors = settings.corsOrigins().isEmpty() ? inner : () -> cors(inner);
        if (settings.allowedHosts().isEmpty()) {
            return withCors.get();
        }
        return extractHost(host -> {
            if (!settings.allowedHosts().contains(host.toLowerCase(Locale.ROOT))) {
                throw new ApiException(StatusCodes.MISDIRECTED_REQUEST, "misdirected_request", "this node answers"
                        + " only for the hosts its operator set (syncline.http.allowed-hosts); '"
                        + host + "' is not one of them");
            }
            return withCors.get();
        });
    }

    private Route cors(Supplier<Route> inner) {
        return optionalHeaderValueByName("Origin", origin -> {
            if (origin.isEmpty() || !settings.corsOrigins().contains(origin.get())) {
                return inner.get();
            }
            List<HttpHeader> allowed = List.of(
                    RawHeader.create("Access-Control-Allow-Origin", origin.get()), RawHeader.create("Vary", "Origin"));
            return extractMethod(method -> {
                if (method.equals(HttpMethods.OPTIONS)) {
                    return complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(allowed)
                            .addHeader(RawHeader.create("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE"))
                            .addHeader(RawHeader.create("Access-Control-Allow-Headers",
                                    "Authorization, Content-Type, Last-Event-ID"))
                            .addHeader(RawHeader.create("Access-Control-Max-Age", "600")));
                }
                return respondWithHeaders(allowed, inner);
            });
        });
    }
}
