package io.syncline.testing.fake;

/**
 * An error answer before it is put in an API's shape.
 *
 * @param param the request field at fault, or null (OpenAI's error body has a slot for it)
 * @param code  a machine-readable code, or null (OpenAI's "rate_limit_exceeded", "invalid_api_key"...)
 */
record ProviderError(int status, String message, String param, String code) {

    static ProviderError of(int status, String message) {
        return new ProviderError(status, message, null, null);
    }

    static ProviderError badRequest(String message, String param) {
        return new ProviderError(400, message, param, null);
    }
}
