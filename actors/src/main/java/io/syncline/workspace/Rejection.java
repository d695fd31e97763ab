package io.syncline.workspace;

import org.apache.pekko.pattern.StatusReply;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the entity refused a command: a reason the HTTP layer turns into a status code, and a message for the user.
 * Between nodes it travels as the text of a StatusReply error, "reason: message" ({@link #reply}, {@link #of}), the
 * form release 0.1 sends and reads; only this class knows that form.
 */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        NOT_FOUND("not_found"),
        CONFLICT("conflict"),
        INVALID("invalid"),
        /** The node cannot handle the command now (it may not write); another node, or a later try, can. */
        UNAVAILABLE("unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static Rejection notFound(String message) {
        return new Rejection(Reason.NOT_FOUND, message);
    }

    public static Rejection conflict(String message) {
        return new Rejection(Reason.CONFLICT, message);
    }

    public static Rejection invalid(String message) {
        return new Rejection(Reason.INVALID, message);
    }

    public static Rejection unavailable(String message) {
        return new Rejection(Reason.UNAVAILABLE, message);
    }

    /** The reply that carries this rejection to the asker, on this node or another. */
    public <T> StatusReply<T> reply() {
        return StatusReply.error(reason.code + ": " + message);
    }

    /** The rejection a failed ask carries, if it is one (and not a timeout or another failure). */
    public static Optional<Rejection> of(Throwable failure) {
        if (!(failure instanceof StatusReply.ErrorMessage error)) {
            return Optional.empty();
        }
        String text = error.getMessage();
        int colon = text.indexOf(": ");
        if (colon < 0) {
            return Optional.empty();
        }
        String code = text.substring(0, colon);
        return Arrays.stream(Reason.values()).filter(r -> r.code.equals(code)).findFirst()
                .map(reason -> new Rejection(reason, text.substring(colon + 2)));
    }
}
