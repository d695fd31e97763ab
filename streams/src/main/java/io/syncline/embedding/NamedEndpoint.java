package io.syncline.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.syncline.json.Json;
import io.syncline.store.EndpointStore;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A remote embedding endpoint as an admin defines it, under a name that workspaces use: where it is, where its key
 * is on the nodes (an environment variable or a file, never the key), and which models and vector sizes it serves.
 * Workspaces name an endpoint and a model; they can never give a URL or a key's place themselves, so no client but
 * an admin can make a node send a secret, or anything, to an address of its choosing.
 *
 * @param kind    {@code openai} (or any OpenAI-compatible endpoint), {@code ollama}, {@code cohere}
 * @param baseUrl null for the kind's own
 * @param models  each model the endpoint serves with the vector sizes a workspace may ask of it
 */
public record NamedEndpoint(String kind, String baseUrl, String apiKeyEnv, String apiKeyFile,
                            Map<String, List<Integer>> models) {

    public static final int MAX_MODELS = 50;
    public static final int MAX_SIZES = 8;

    public NamedEndpoint {
        models = models == null ? Map.of() : new TreeMap<>(models);
    }

    /** The definition a row of the endpoints' table holds. */
    public static NamedEndpoint of(EndpointStore.Stored row) {
        try {
            return Json.mapper().readValue(row.definition(), NamedEndpoint.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("endpoint '" + row.name() + "' has a definition this node cannot read",
                    e);
        }
    }

    /** The definition as the endpoints' table keeps it. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This definition, serving also the given size of the given model. */
    public NamedEndpoint serving(String model, int dimension) {
        Map<String, List<Integer>> more = new TreeMap<>(models);
        more.merge(model, List.of(dimension), (sizes, added) -> sizes.contains(dimension) ? sizes
                : Stream.concat(sizes.stream(), added.stream()).sorted().toList());
        return new NamedEndpoint(kind, baseUrl, apiKeyEnv, apiKeyFile, more);
    }

    public boolean serves(String model, int dimension) {
        return models.getOrDefault(model, List.of()).contains(dimension);
    }

    /** What is wrong with this definition, or null if nothing is. */
    public String problem() {
        ProviderKind provider = ProviderKind.byName(kind).orElse(null);
        if (provider == null || provider == ProviderKind.LOCAL) {
            return "field 'kind' must be one of openai, ollama, cohere, was '" + kind + "'";
        }
        if (baseUrl != null && !EmbeddingSpec.validUrl(baseUrl)) {
            return "field 'baseUrl' must be an http or https URL with a host, was '" + baseUrl + "'";
        }
        if (apiKeyEnv != null && apiKeyFile != null) {
            return "fields 'apiKeyEnv' and 'apiKeyFile' are two places for one key: give one";
        }
        if (provider.needsApiKey() && apiKeyEnv == null && apiKeyFile == null) {
            return "field 'apiKeyEnv' (an environment variable of the nodes) or 'apiKeyFile' is required for kind '"
                    + kind + "'";
        }
        if (models.isEmpty() || models.size() > MAX_MODELS) {
            return "field 'models' must map 1 to " + MAX_MODELS + " model names to their vector sizes, like"
                    + " {\"text-embedding-3-small\": [512, 1536]}; had " + models.size();
        }
        for (Map.Entry<String, List<Integer>> model : models.entrySet()) {
            List<Integer> sizes = model.getValue();
            if (model.getKey().isBlank() || model.getKey().length() > 200) {
                return "field 'models' holds a model name that is empty or longer than 200 characters";
            }
            if (sizes == null || sizes.isEmpty() || sizes.size() > MAX_SIZES
                    || sizes.stream().anyMatch(d -> d == null || d < 1 || d > 4096)) {
                return "field 'models." + model.getKey() + "' must list 1 to " + MAX_SIZES + " vector sizes between"
                        + " 1 and 4096";
            }
        }
        return null;
    }

    /**
     * The vector size a workspace gets of a model: the one it asks for, which the endpoint must serve, or the only
     * one the endpoint lists for the model.
     *
     * @throws IllegalArgumentException naming the endpoint's models or sizes when the request is not one of them
     */
    public int dimensionFor(String name, String model, Integer asked) {
        List<Integer> sizes = models.get(model);
        if (sizes == null) {
            throw new IllegalArgumentException("embedding.model '" + model + "' is not served by endpoint '" + name
                    + "'; it serves " + String.join(", ", models.keySet()));
        }
        if (asked == null) {
            if (sizes.size() == 1) {
                return sizes.get(0);
            }
            throw new IllegalArgumentException("embedding.dimensions is required: endpoint '" + name + "' serves '"
                    + model + "' in the sizes " + sizes);
        }
        if (!sizes.contains(asked)) {
            throw new IllegalArgumentException("embedding.dimensions " + asked + " is not a size endpoint '" + name
                    + "' serves of '" + model + "': " + sizes);
        }
        return asked;
    }
}
