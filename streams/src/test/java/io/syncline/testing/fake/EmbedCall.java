package io.syncline.testing.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalInt;

/**
 * A valid embeddings request, whatever API it came through.
 *
 * @param dimensions the dimension the request asks for, if it may and does
 * @param body       the whole request, for options only one API knows (OpenAI's encoding_format, Cohere's
 *                   embedding_types)
 */
record EmbedCall(String model, List<String> inputs, OptionalInt dimensions, ObjectNode body) {

    EmbedCall {
        inputs = List.copyOf(inputs);
    }

    /** A stand-in for the provider's token count: one token per four characters, at least one per text. */
    int estimatedTokens() {
        int tokens = 0;
        for (String input : inputs) {
            tokens += Math.max(1, (input.length() + 3) / 4);
        }
        return tokens;
    }
}
