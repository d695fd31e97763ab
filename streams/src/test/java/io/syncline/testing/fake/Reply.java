package io.syncline.testing.fake;

import java.util.Map;
import java.util.OptionalLong;

/** What a connection does with one request once it has been decided: answer it, hang on it, or reset. */
sealed interface Reply {

    /** An HTTP answer; {@code headers} holds what comes besides Content-Length and Connection. */
    record Answer(int status, Map<String, String> headers, byte[] body) implements Reply {

        public Answer {
            headers = Map.copyOf(headers);
        }

        OptionalLong retryAfterSeconds() {
            String value = headers.get("Retry-After");
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        }
    }

    record Hang() implements Reply {
    }

    record Reset() implements Reply {
    }
}
