package io.syncline.testing.fake;

/** A request body an API would refuse with 400; carries the error to answer. */
final class RequestRefusedException extends Exception {

    private final transient ProviderError error;

    RequestRefusedException(ProviderError error) {
        super(error.message());
        this.error = error;
    }

    static RequestRefusedException badRequest(String message, String param) {
        return new RequestRefusedException(ProviderError.badRequest(message, param));
    }

    ProviderError error() {
        return error;
    }
}
