package io.syncline.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The figures of one benchmark run, printed as its last line: {@code RESULT {json}}, fields in the order given. */
public final class Result {

    private final ObjectNode fields = Json.mapper().createObjectNode();

    Result(String benchmark) {
        fields.put("benchmark", benchmark);
    }

    Result put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    Result put(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** A measured figure, rounded to {@code decimals} places (more would only show noise). */
    Result put(String name, double value, int decimals) {
        fields.put(name, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        return this;
    }

    /** A figure of several rounds: its median as {@code name}, its spread as {@code name_min} and {@code name_max}. */
    Result put(String name, Spread spread, int decimals) {
        return put(name, spread.median(), decimals).put(name + "_min", spread.min(), decimals)
                .put(name + "_max", spread.max(), decimals);
    }

    public ObjectNode fields() {
        return fields;
    }

    String line() {
        try {
            return "RESULT " + Json.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
