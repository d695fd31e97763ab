package io.syncline.embedding.remote;

import io.syncline.embedding.EmbeddingSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a provider's API key where the workspace's config says it is: an environment variable of the node or a
 * file (a mounted secret). The key itself is never stored, logged or returned by the API.
 */
final class ApiKeys {

    private ApiKeys() {
    }

    /** The key, or null for a provider that needs none and was given none. */
    static String resolve(EmbeddingSpec spec, Map<String, String> environment) {
        if (spec.apiKeyEnv() != null) {
            String key = environment.get(spec.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("environment variable " + spec.apiKeyEnv()
                        + " (embedding.apiKeyEnv) is not set on this node");
            }
            return key.trim();
        }
        if (spec.apiKeyFile() != null) {
            try {
                String key = Files.readString(Path.of(spec.apiKeyFile()), StandardCharsets.UTF_8).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("file " + spec.apiKeyFile() + " (embedding.apiKeyFile) is empty");
                }
                return key;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read file " + spec.apiKeyFile()
                        + " (embedding.apiKeyFile): " + e.getClass().getSimpleName());
            }
        }
        return null;
    }
}
