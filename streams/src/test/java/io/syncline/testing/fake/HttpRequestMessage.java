package io.syncline.testing.fake;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as read from the socket.
 *
 * @param headers by lower-case name; repeated headers joined with ", "
 */
record HttpRequestMessage(String method, String target, String version, Map<String, String> headers, byte[] body) {

    HttpRequestMessage {
        headers = Map.copyOf(headers);
    }

    /** The target without its query string. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes it unless told to keep it. */
    boolean keepAlive() {
        String connection = header("connection");
        String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if ("HTTP/1.0".equals(version)) {
            return tokens.contains("keep-alive");
        }
        return !tokens.contains("close");
    }
}
