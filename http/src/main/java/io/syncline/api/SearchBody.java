package io.syncline.api;

/** {@code POST /v1/workspaces/{ws}/search}: {@code {"query", "k", "filter": {"source", "pathPrefix"}}}. */
record SearchBody(String query, Integer k, Filter filter) {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 100;
    static final int MAX_QUERY_CHARS = 4000;

    record Filter(String source, String pathPrefix) {
    }

    int limit() {
        int value = k == null ? DEFAULT_K : k;
        Require.that(value >= 1 && value <= MAX_K, "field 'k' must be between 1 and " + MAX_K + ", was " + value);
        return value;
    }

    String text() {
        Require.present(query, "query");
        Require.that(query.length() <= MAX_QUERY_CHARS,
                "field 'query' must be at most " + MAX_QUERY_CHARS + " characters, was " + query.length());
        return query;
    }
}
