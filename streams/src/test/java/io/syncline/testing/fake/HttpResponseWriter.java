package io.syncline.testing.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Writes one HTTP/1.1 answer, framed by Content-Length so that the connection can carry the next one. */
final class HttpResponseWriter {

    private HttpResponseWriter() {
    }

    static void write(OutputStream out, Reply.Answer answer, boolean closeAfter) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(answer.status()).append(' ')
                .append(HttpStatus.reason(answer.status())).append("\r\n");
        // sorted, so that the bytes on the wire do not depend on map iteration order
        for (Map.Entry<String, String> header : new TreeMap<>(answer.headers()).entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(answer.body().length).append("\r\n");
        if (closeAfter) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(answer.body());
        out.flush();
    }
}
