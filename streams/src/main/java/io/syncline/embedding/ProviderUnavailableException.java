package io.syncline.embedding;

/** The provider cannot take a call now: its circuit is open, or it asked for patience (Retry-After). */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
