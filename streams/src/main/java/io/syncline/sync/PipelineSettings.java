package io.syncline.sync;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The pipeline's sizes and rates, read once from {@code syncline.pipeline} (defaults in reference.conf).
 *
 * @param readParallelism         files read at once (blocking dispatcher)
 * @param chunkParallelism        documents tokenized and chunked at once (blocking dispatcher)
 * @param storeParallelism        documents whose rows are looked up or written at once
 * @param embedLinger             how long a group of documents waits for more misses (to fill a batch of the
 *                                embedder's size) before it is embedded anyway
 * @param embedParallelism        groups embedded at once (embedding dispatcher)
 * @param checkpointEvery         documents between two checkpoints
 * @param checkpointInterval      time between two checkpoints while documents keep coming
 */
public record PipelineSettings(int readParallelism, int chunkParallelism, int storeParallelism, Duration embedLinger, int embedParallelism, int checkpointEvery,
                               Duration checkpointInterval) {

    public static PipelineSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.pipeline");
        return new PipelineSettings(c.getInt("read-parallelism"), c.getInt("chunk-parallelism"),
                c.getInt("store-parallelism"), c.getDuration("embed-linger"),
                c.getInt("embed-parallelism"), c.getInt("checkpoint-every"), c.getDuration("checkpoint-interval"));
    }
}
