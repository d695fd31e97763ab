package io.syncline.testing.fake;

/** A request the fake cannot read as HTTP/1.1; answered with {@link #status()} and the connection closed. */
final class BadHttpRequestException extends Exception {

    private final int status;

    BadHttpRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
