package io.syncline.embedding;

/** A provider refused or failed a call for a reason waiting will not fix (a bad key, a bad answer). */
public class ProviderCallException extends RuntimeException {

    public ProviderCallException(String message) {
        super(message, null, false, false);
    }
}
