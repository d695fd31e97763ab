package io.syncline.testing.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalInt;

/**
 * Ollama's {@code POST /api/embed}: {@code {"model","input","dimensions"?,"truncate"?,"options"?,"keep_alive"?}}
 * answered by {@code {"model","embeddings":[[...]],"prompt_eval_count"}}, errors as {@code {"error":"..."}}. Ollama
 * needs no API key and embeds an absent or empty input as no vectors. The durations a real Ollama adds are left
 * out: they would make answers differ from run to run, and clients do not read them.
 */
final class OllamaProtocol implements ProviderProtocol {

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public String inputsName() {
        return "input";
    }

    @Override
    public String contentType() {
        return "application/json; charset=utf-8";
    }

    @Override
    public EmbedCall parse(byte[] body) throws RequestRefusedException {
        ObjectNode root = JsonBodies.object(body, "invalid JSON body");
        String model = JsonBodies.optionalText(root, "model");
        if (model == null || model.isBlank()) {
            throw RequestRefusedException.badRequest("model is required", "model");
        }
        List<String> inputs = JsonBodies.textOrTexts(root, "input");
        OptionalInt dimensions = JsonBodies.optionalPositiveInt(root, "dimensions", JsonBodies.MAX_DIMENSIONS);
        return new EmbedCall(model, inputs == null ? List.of() : inputs, dimensions, root);
    }

    @Override
    public byte[] embeddings(EmbedCall call, List<float[]> vectors, long sequence) {
        return JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("model", call.model());
            json.writeArrayFieldStart("embeddings");
            for (float[] vector : vectors) {
                JsonBodies.floats(json, vector);
            }
            json.writeEndArray();
            json.writeNumberField("prompt_eval_count", call.estimatedTokens());
            json.writeEndObject();
        });
    }

    @Override
    public byte[] error(ProviderError error) {
        ObjectNode root = JsonBodies.MAPPER.createObjectNode();
        root.put("error", error.message());
        return JsonBodies.write(root);
    }
}
