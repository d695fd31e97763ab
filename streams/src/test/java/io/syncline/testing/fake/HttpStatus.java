package io.syncline.testing.fake;

/** Reason phrases for status lines, and the messages a provider usually puts in its error body for each status. */
final class HttpStatus {

    private HttpStatus() {
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }

    static String usualMessage(int status) {
        return switch (status) {
            case 400 -> "Invalid request.";
            case 401 -> "Incorrect API key provided.";
            case 403 -> "You are not allowed to use this model.";
            case 404 -> "The model does not exist or you do not have access to it.";
            case 429 -> "Rate limit reached for requests.";
            case 500 -> "The server had an error while processing your request. Sorry about that!";
            case 502 -> "Bad gateway.";
            case 503 -> "The server is overloaded or not ready yet.";
            case 504 -> "Gateway timeout.";
            default -> reason(status) + ".";
        };
    }
}
