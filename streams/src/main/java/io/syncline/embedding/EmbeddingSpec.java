package io.syncline.embedding;

/**
 * Which model embeds a workspace's chunks.
 *
 * @param provider {@code local}: an in-process ONNX model
 * @param model    the model's id, for example {@code all-minilm-l6-v2-q}
 */
public record EmbeddingSpec(String provider, String model) {

    public static final String LOCAL = "local";

    public static EmbeddingSpec defaultSpec() {
        return new EmbeddingSpec(LOCAL, LocalModel.DEFAULT.id());
    }

    /**
     * The identity of the vectors this spec produces: two specs with the same key give the same vector for the
     * same text, so the embedding cache is keyed by it.
     */
    public String modelKey() {
        return provider + ":" + model;
    }

    /** The in-process model this spec names. */
    public LocalModel localModel() {
        return LocalModel.byId(model).orElseThrow(() -> new IllegalArgumentException(problem()));
    }

    /** What is wrong with this spec, or null if nothing is. */
    public String problem() {
        if (!LOCAL.equals(provider)) {
            return "embedding.provider must be '" + LOCAL + "' (the in-process models), was '" + provider + "'";
        }
        if (LocalModel.byId(model).isEmpty()) {
            return "embedding.model '" + model + "' is not a local model; choose one of " + LocalModel.knownIds();
        }
        return null;
    }
}
