package io.syncline.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Cohere's v1 {@code POST /v1/embed}: {@code {"texts","model"?,"input_type"?,"truncate"?,"embedding_types"?}}
 * answered by {@code {"id","texts","embeddings":[[...]],"meta":{"api_version","billed_units"},"response_type":
 * "embeddings_floats"}}, or, when embedding_types asks for floats, {@code "embeddings":{"float":[[...]]}} with
 * response_type "embeddings_by_type". Errors as {@code {"message":"..."}}. v1 has no way to ask for a dimension:
 * vectors have the server's default one. Only float embeddings are made.
 */
final class CohereProtocol implements ProviderProtocol {

    static final int MAX_TEXTS = 96;
    static final String DEFAULT_MODEL = "embed-english-v2.0";

    @Override
    public boolean requiresApiKey() {
        return true;
    }

    @Override
    public String inputsName() {
        return "texts";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public EmbedCall parse(byte[] body) throws RequestRefusedException {
        ObjectNode root = JsonBodies.object(body, "invalid request: could not parse the JSON body");
        JsonNode textsNode = root.get("texts");
        if (textsNode == null || textsNode.isNull()) {
            throw RequestRefusedException.badRequest("invalid request: texts must be specified", "texts");
        }
        List<String> texts = JsonBodies.texts(textsNode, "texts");
        if (texts.isEmpty() || texts.size() > MAX_TEXTS) {
            throw RequestRefusedException.badRequest("invalid request: texts must hold 1 to " + MAX_TEXTS
                    + " texts, but had " + texts.size() + ".", "texts");
        }
        String model = JsonBodies.optionalText(root, "model");
        JsonBodies.optionalText(root, "input_type");
        JsonNode types = root.get("embedding_types");
        if (types != null && !types.isNull()) {
            List<String> requested = JsonBodies.texts(types, "embedding_types");
            if (!requested.equals(List.of("float"))) {
                throw RequestRefusedException.badRequest("invalid request: this fake makes float embeddings only,"
                        + " embedding_types was " + requested, "embedding_types");
            }
        }
        return new EmbedCall(model == null ? DEFAULT_MODEL : model, texts, OptionalInt.empty(), root);
    }

    @Override
    public byte[] embeddings(EmbedCall call, List<float[]> vectors, long sequence) {
        boolean byType = call.body().has("embedding_types") && !call.body().get("embedding_types").isNull();
        UUID id = UUID.nameUUIDFromBytes(("fake-cohere-embed-" + sequence).getBytes(StandardCharsets.UTF_8));
        return JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("id", id.toString());
            json.writeArrayFieldStart("texts");
            for (String text : call.inputs()) {
                json.writeString(text);
            }
            json.writeEndArray();
            if (byType) {
                json.writeObjectFieldStart("embeddings");
                json.writeFieldName("float");
            } else {
                json.writeFieldName("embeddings");
            }
            json.writeStartArray();
            for (float[] vector : vectors) {
                JsonBodies.floats(json, vector);
            }
            json.writeEndArray();
            if (byType) {
                json.writeEndObject();
            }
            json.writeObjectFieldStart("meta");
            json.writeObjectFieldStart("api_version");
            json.writeStringField("version", "1");
            json.writeEndObject();
            json.writeObjectFieldStart("billed_units");
            json.writeNumberField("input_tokens", call.estimatedTokens());
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("response_type", byType ? "embeddings_by_type" : "embeddings_floats");
            json.writeEndObject();
        });
    }

    @Override
    public byte[] error(ProviderError error) {
        ObjectNode root = JsonBodies.MAPPER.createObjectNode();
        root.put("message", error.message());
        return JsonBodies.write(root);
    }
}
