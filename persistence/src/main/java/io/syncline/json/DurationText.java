package io.syncline.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Duration;

/**
 * Durations as the API takes them ("30s", "500ms"), so a value read from the API can be sent back to it as is.
 */
final class DurationText extends StdSerializer<Duration> {

    DurationText() {
        super(Duration.class);
    }

    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return duration.toSeconds() + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return duration.toMillis() + "ms";
        }
        return nanos + "ns";
    }

    @Override
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(format(value));
    }
}
