package io.syncline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.syncline.json.Json;

import java.util.stream.Collectors;

/**
 * Reads a request body into a request record, turning every way it can be wrong into a 400 whose message names the
 * field: malformed JSON, a field of the wrong type, a field the API does not know.
 */
final class JsonBody {

    private JsonBody() {
    }

    static <T> T parse(String body, Class<T> type) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(org.apache.pekko.http.javadsl.model.StatusCodes.BAD_REQUEST, "invalid_json",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(org.apache.pekko.http.javadsl.model.StatusCodes.BAD_REQUEST, "invalid_json",
                    "the body must be a JSON object");
        }
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid("unknown field '" + path(e) + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw ApiException.invalid("field '" + path(e) + "' cannot be " + e.getValue() + ": "
                    + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
            String detail = cause != null ? cause.getMessage() : e.getOriginalMessage();
            throw ApiException.invalid(e.getPath().isEmpty() ? detail : "field '" + path(e) + "': " + detail);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
