package io.syncline.node;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with every control character written as a Java escape (backslash, u, four hex digits): messages
 * carry strings clients and repositories chose (paths, refs, model names, URLs), and a newline or a terminal escape
 * in one must not forge a log line or rewrite a terminal. Stack traces are not messages and keep their lines.
 */
public final class EscapedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (control) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? message : out.toString();
    }
}
