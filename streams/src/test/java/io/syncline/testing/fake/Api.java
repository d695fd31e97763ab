package io.syncline.testing.fake;

/** The embeddings APIs the fake answers, each by the path its clients post to. */
public enum Api {
    OPEN_AI("/v1/embeddings"),
    OLLAMA("/api/embed"),
    COHERE("/v1/embed"),
    /** A path that is none of the above: answered 404 without consulting the rate limit or the fault plan. */
    UNKNOWN(null);

    private final String path;

    Api(String path) {
        this.path = path;
    }

    /** The request path, without query; null for {@link #UNKNOWN}. */
    public String path() {
        return path;
    }

    static Api forPath(String path) {
        for (Api api : values()) {
            if (api.path != null && api.path.equals(path)) {
                return api;
            }
        }
        return UNKNOWN;
    }
}
