package io.syncline.workspace;

import org.apache.pekko.pattern.StatusReply;

/**
 * Why the entity refused a command, as a StatusReply error the HTTP layer turns into a status code: the message
 * starts with the code and a colon ("not_found: workspace 'x' does not exist"). A plain string keeps the reply
 * serializable between nodes.
 */
public final class Rejection {

    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String INVALID = "invalid";
    /** The node cannot handle the command now (it may not write); another node, or a later try, can. */
    public static final String UNAVAILABLE = "unavailable";

    private Rejection() {
    }

    public static <T> StatusReply<T> notFound(String message) {
        return StatusReply.error(NOT_FOUND + ": " + message);
    }

    public static <T> StatusReply<T> conflict(String message) {
        return StatusReply.error(CONFLICT + ": " + message);
    }

    public static <T> StatusReply<T> invalid(String message) {
        return StatusReply.error(INVALID + ": " + message);
    }

    public static <T> StatusReply<T> unavailable(String message) {
        return StatusReply.error(UNAVAILABLE + ": " + message);
    }

    /** The code of a rejection message, or null for an error that is not a rejection. */
    public static String codeOf(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        if (colon < 0) {
            return null;
        }
        String code = message.substring(0, colon);
        return code.equals(NOT_FOUND) || code.equals(CONFLICT) || code.equals(INVALID) || code.equals(UNAVAILABLE)
                ? code : null;
    }

    /** The message without its code. */
    public static String textOf(String message) {
        return codeOf(message) == null ? message : message.substring(message.indexOf(": ") + 2);
    }
}
