package io.syncline.testing.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests one after the other from a connection: request line, headers, then a body framed by
 * Content-Length or chunked transfer coding. Never reads past the end of a request, so that the next one on a
 * kept-alive connection starts where this one stopped.
 */
final class HttpRequestReader {

    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;

    /** {@code out} is only used for the interim "100 Continue" answer a client may ask for. */
    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next request, or null if the client closed the connection between requests. */
    HttpRequestMessage read() throws IOException, BadHttpRequestException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            // RFC 9112 asks servers to ignore empty lines before a request line
            requestLine = readLine(true);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadHttpRequestException(400, "malformed request line: " + requestLine);
        }
        Map<String, String> headers = readHeaders();
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return new HttpRequestMessage(parts[0], parts[1], parts[2], headers, readBody(headers));
    }

    private Map<String, String> readHeaders() throws IOException, BadHttpRequestException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(false);
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new BadHttpRequestException(431, "more than " + MAX_HEADERS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadHttpRequestException(400, "malformed header field: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (first, second) -> first + ", " + second);
        }
    }

    private byte[] readBody(Map<String, String> headers) throws IOException, BadHttpRequestException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw new BadHttpRequestException(501, "unsupported transfer coding: " + transferEncoding);
            }
            return readChunked();
        }
        String contentLength = headers.get("content-length");
        if (contentLength == null) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            throw new BadHttpRequestException(400, "malformed Content-Length: " + contentLength);
        }
        if (length < 0) {
            throw new BadHttpRequestException(400, "negative Content-Length: " + contentLength);
        }
        if (length > MAX_BODY_BYTES) {
            throw new BadHttpRequestException(413, "body of " + length + " bytes is over " + MAX_BODY_BYTES);
        }
        return readExactly((int) length);
    }

    private byte[] readChunked() throws IOException, BadHttpRequestException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int extension = sizeLine.indexOf(';');
            String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            int chunkSize;
            try {
                chunkSize = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                throw new BadHttpRequestException(400, "malformed chunk size: " + sizeLine);
            }
            if (chunkSize < 0 || body.size() + (long) chunkSize > MAX_BODY_BYTES) {
                throw new BadHttpRequestException(413, "chunked body over " + MAX_BODY_BYTES + " bytes");
            }
            if (chunkSize == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailer fields carry nothing the fake needs
                }
                return body.toByteArray();
            }
            body.write(readExactly(chunkSize));
            if (!readLine(false).isEmpty()) {
                throw new BadHttpRequestException(400, "chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException, BadHttpRequestException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new BadHttpRequestException(400, "body ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** A line without its CRLF (or bare LF); null only if {@code eofAllowed} and the stream ends before any byte. */
    private String readLine(boolean eofAllowed) throws IOException, BadHttpRequestException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new BadHttpRequestException(400, "connection ended inside a request");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new BadHttpRequestException(431, "line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }
}
