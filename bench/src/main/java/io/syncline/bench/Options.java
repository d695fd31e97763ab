package io.syncline.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of a benchmark; an option the benchmark does not know is an error. */
public record Options(Map<String, String> values) {

    public static Options parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new Options(values);
    }

    /** Fails on an option outside {@code known}, so that a misspelt option is not silently a default. */
    Options allowing(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; this benchmark takes "
                        + known.stream().sorted().map(k -> "--" + k).toList());
            }
        }
        return this;
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
