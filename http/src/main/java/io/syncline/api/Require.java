package io.syncline.api;

import java.util.regex.Pattern;

/** Checks of request fields that answer 400 with the field's name and the rule it broke. */
final class Require {

    /** Workspace and source ids: they name rows, directories and metrics, so they stay plain. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Require() {
    }

    static String present(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("field '" + field + "' is required");
        }
        return value;
    }

    static String id(String value, String field) {
        present(value, field);
        if (!ID.matcher(value).matches()) {
            throw ApiException.invalid("field '" + field + "' must be 1 to 63 lower-case letters, digits, '-' or '_',"
                    + " starting with a letter or digit; was '" + value + "'");
        }
        return value;
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw ApiException.invalid(message);
        }
    }
}
