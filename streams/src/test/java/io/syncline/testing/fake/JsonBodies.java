package io.syncline.testing.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** JSON reading and writing shared by the API formats; request fields are checked the way providers check them. */
final class JsonBodies {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The largest vector the fake agrees to make, so that a typo cannot exhaust the test JVM's heap. */
    static final int MAX_DIMENSIONS = 16_384;

    /** Writes a body with a streaming generator: vectors are thousands of numbers, a tree would be wasteful. */
    interface BodyWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonBodies() {
    }

    static ObjectNode object(byte[] body, String unreadable) throws RequestRefusedException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestRefusedException.badRequest(unreadable + " (" + e.getOriginalMessage() + ")", null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
        if (!(root instanceof ObjectNode)) {
            throw RequestRefusedException.badRequest(unreadable + " (the body is not a JSON object)", null);
        }
        return (ObjectNode) root;
    }

    /** The string field {@code name}, or null if absent or JSON null. */
    static String optionalText(ObjectNode root, String name) throws RequestRefusedException {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw RequestRefusedException.badRequest("'" + name + "' must be a string", name);
        }
        return node.textValue();
    }

    /** A string or an array of strings, as OpenAI and Ollama accept for "input"; null if absent. */
    static List<String> textOrTexts(ObjectNode root, String name) throws RequestRefusedException {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        return texts(node, name);
    }

    /** An array of strings. */
    static List<String> texts(JsonNode node, String name) throws RequestRefusedException {
        if (!node.isArray()) {
            throw RequestRefusedException.badRequest("'" + name + "' must be a string or an array of strings", name);
        }
        List<String> texts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                // OpenAI also takes token arrays; the fake embeds text only, and says so
                throw RequestRefusedException.badRequest(
                        "Invalid '" + name + "[" + i + "]': this fake embeds strings only", name);
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /** A positive integer field, empty if absent or JSON null. */
    static OptionalInt optionalPositiveInt(ObjectNode root, String name, int max) throws RequestRefusedException {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1 || node.intValue() > max) {
            throw RequestRefusedException.badRequest(
                    "Invalid '" + name + "': expected an integer from 1 to " + max + ", got " + node, name);
        }
        return OptionalInt.of(node.intValue());
    }

    static void floats(JsonGenerator json, float[] vector) throws IOException {
        json.writeStartArray();
        for (float value : vector) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    static byte[] write(BodyWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
