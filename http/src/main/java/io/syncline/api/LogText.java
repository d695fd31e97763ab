package io.syncline.api;

/**
 * A client's string as a log line may show it: control characters (a newline that would forge a second line,
 * terminal escapes) escaped, and cut to a length that keeps lines readable.
 */
final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > MAX ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
