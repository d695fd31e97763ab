package io.syncline.testing.fake;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link FaultPlan} may look at to decide the fate of one embeddings request.
 *
 * @param sequence  1 for the first request since the server started or was reset, then 2, 3... in arrival order
 * @param arrivedAt when the server had read the request whole
 * @param model     the model the request names, empty if none
 * @param inputs    the texts to embed, in request order
 */
public record IncomingRequest(long sequence, Instant arrivedAt, Api api, String model, List<String> inputs) {

    public IncomingRequest {
        inputs = List.copyOf(inputs);
    }
}
