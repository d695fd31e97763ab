package io.syncline.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random JSON, and valid bodies damaged the ways clients and attackers damage them, from a seeded Random. */
final class BodyFuzzer {

    private BodyFuzzer() {
    }

    /** One of a few kinds of damage a client or an attacker does to a body. */
    static String mutate(String body, Random random) {
        StringBuilder text = new StringBuilder(body);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{[\",:}]\\\u0000\u00e9\ud83d\ude00".charAt(random.nextInt(10)));
                case 2 -> text.setLength(at); // cut short
                case 3 -> text.insert(at, "\"" + "x".repeat(random.nextInt(20_000)) + "\"");
                case 4 -> replaceValue(text, random, "-1");
                case 5 -> replaceValue(text, random, "1e308");
                case 6 -> replaceValue(text, random, "null");
                default -> replaceValue(text, random, randomJson(random, 0));
            }
        }
        return text.toString();
    }

    /** Replaces the value after a random colon with {@code value}. */
    private static void replaceValue(StringBuilder text, Random random, String value) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':') {
                colons.add(i);
            }
        }
        if (colons.isEmpty()) {
            return;
        }
        int start = colons.get(random.nextInt(colons.size())) + 1;
        int end = start;
        int depth = 0;
        boolean inString = false;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '"' && (end == 0 || text.charAt(end - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        text.replace(start, end, value);
    }

    static String randomJson(Random random, int depth) {
        int kind = depth > 40 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "\"" + "abc\\u0000\\n/..%00".substring(0, random.nextInt(15)) + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "-0.0e-400";
            case 4, 5 -> "[" + randomJson(random, depth + 1) + "," + randomJson(random, depth + 1) + "]";
            default -> "{\"" + (random.nextBoolean() ? "id" : "k" + random.nextInt(5)) + "\":"
                    + randomJson(random, depth + 1) + "}";
        };
    }
}
