package io.syncline.source;

import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;

/**
 * Turns a JGit failure while talking to a source's origin into a {@link SourceException} whose kind says whether
 * asking again can help. It never swallows the cause.
 */
final class GitErrors {

    private GitErrors() {
    }

    /**
     * @param action what was tried, as a message says it ("fetch", "list the refs of")
     */
    static SourceException fromTransport(SourceSpec spec, GitLocation location, String action, Exception e) {
        String message = "cannot " + action + " git source '" + spec.id() + "' at '" + location.display() + "': "
                + e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GitHttpGuard.Refused refused) {
                return new SourceException(SourceException.Kind.INVALID, "cannot " + action + " git source '"
                        + spec.id() + "' at '" + location.display() + "': " + refused.getMessage(), e);
            }
            if (t instanceof TransportException && refusedCredentials(t.getMessage())) {
                return new SourceException(SourceException.Kind.INVALID, message + " (the host wants credentials, or"
                        + " refused those given: name the ones the operator defined for it, \"credentials\":"
                        + " \"<name>\", syncline.sources.git-credentials)", e);
            }
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException) {
                // The server answered and has no such repository, or the uri names none: asking again will not help.
                return new SourceException(SourceException.Kind.INVALID, message, e);
            }
        }
        return new SourceException(SourceException.Kind.UNAVAILABLE, message, e);
    }

    /** JGit's texts for a 401 without credentials and with ones the host refused (JGitText notAuthorized, ...). */
    private static boolean refusedCredentials(String message) {
        return message != null && (message.contains("not authorized") || message.contains("Authentication is required"));
    }
}
