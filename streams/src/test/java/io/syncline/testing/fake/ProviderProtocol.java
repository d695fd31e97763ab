package io.syncline.testing.fake;

import java.util.List;

/** One embeddings API's wire format: how its requests read and how its answers and errors look. */
interface ProviderProtocol {

    /** Whether the real service refuses, with 401, a request without {@code Authorization: Bearer ...}. */
    boolean requiresApiKey();

    /** How the API names its list of texts in error messages: "input" or "texts". */
    String inputsName();

    String contentType();

    EmbedCall parse(byte[] body) throws RequestRefusedException;

    /** The successful answer carrying {@code vectors}, one per input in order. */
    byte[] embeddings(EmbedCall call, List<float[]> vectors, long sequence);

    byte[] error(ProviderError error);
}
