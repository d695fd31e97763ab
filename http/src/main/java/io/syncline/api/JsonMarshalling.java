package io.syncline.api;

import io.syncline.json.Json;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/** The one JSON marshaller of the API, over {@link Json#mapper()}. */
final class JsonMarshalling {

    private JsonMarshalling() {
    }

    @SuppressWarnings("unchecked")
    static <T> Marshaller<T, RequestEntity> json() {
        return (Marshaller<T, RequestEntity>) (Marshaller<?, RequestEntity>) Jackson.marshaller(Json.mapper());
    }
}
