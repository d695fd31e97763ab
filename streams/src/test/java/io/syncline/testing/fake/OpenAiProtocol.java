package io.syncline.testing.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

/**
 * OpenAI's {@code POST /v1/embeddings}: {@code {"model","input","dimensions"?,"encoding_format"?,"user"?}} answered
 * by {@code {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}}, errors as
 * {@code {"error":{"message","type","param","code"}}}. With {@code "encoding_format":"base64"} each embedding is the
 * base64 of its little-endian float32 values, as OpenAI sends it and LangChain4j decodes it.
 */
final class OpenAiProtocol implements ProviderProtocol {

    static final int MAX_INPUTS = 2048;

    private static final String UNREADABLE = "We could not parse the JSON body of your request. The OpenAI API"
            + " expects a JSON payload.";

    @Override
    public boolean requiresApiKey() {
        return true;
    }

    @Override
    public String inputsName() {
        return "input";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public EmbedCall parse(byte[] body) throws RequestRefusedException {
        ObjectNode root = JsonBodies.object(body, UNREADABLE);
        String model = JsonBodies.optionalText(root, "model");
        if (model == null || model.isBlank()) {
            throw RequestRefusedException.badRequest("you must provide a model parameter", null);
        }
        List<String> inputs = JsonBodies.textOrTexts(root, "input");
        if (inputs == null) {
            throw RequestRefusedException.badRequest("'input' is a required property", "input");
        }
        if (inputs.isEmpty() || inputs.size() > MAX_INPUTS) {
            throw RequestRefusedException.badRequest("Invalid 'input': expected an array of 1 to " + MAX_INPUTS
                    + " strings, got " + inputs.size() + ".", "input");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).isEmpty()) {
                throw RequestRefusedException.badRequest("Invalid 'input[" + i + "]': empty string.", "input");
            }
        }
        OptionalInt dimensions = JsonBodies.optionalPositiveInt(root, "dimensions", JsonBodies.MAX_DIMENSIONS);
        String encoding = JsonBodies.optionalText(root, "encoding_format");
        if (encoding != null && !encoding.equals("float") && !encoding.equals("base64")) {
            throw RequestRefusedException.badRequest("Invalid 'encoding_format': expected 'float' or 'base64', got '"
                    + encoding + "'.", "encoding_format");
        }
        JsonBodies.optionalText(root, "user");
        return new EmbedCall(model, inputs, dimensions, root);
    }

    @Override
    public byte[] embeddings(EmbedCall call, List<float[]> vectors, long sequence) {
        boolean base64 = "base64".equals(call.body().path("encoding_format").asText());
        int tokens = call.estimatedTokens();
        return JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (int i = 0; i < vectors.size(); i++) {
                json.writeStartObject();
                json.writeStringField("object", "embedding");
                json.writeNumberField("index", i);
                json.writeFieldName("embedding");
                if (base64) {
                    json.writeString(base64(vectors.get(i)));
                } else {
                    JsonBodies.floats(json, vectors.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", call.model());
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", tokens);
            json.writeNumberField("total_tokens", tokens);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    @Override
    public byte[] error(ProviderError error) {
        ObjectNode root = JsonBodies.MAPPER.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", type(error.status()));
        body.put("param", error.param());
        body.put("code", error.code());
        return JsonBodies.write(root);
    }

    private static String type(int status) {
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
