package io.syncline.sync;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineSettingsTest {

    @Test
    void defaultsComeFromReferenceConfAndOverridesWin() {
        PipelineSettings defaults = PipelineSettings.fromConfig(ConfigFactory.load());
        PipelineSettings tuned = PipelineSettings.fromConfig(ConfigFactory.parseString(
                "syncline.pipeline.read-parallelism = 8").withFallback(ConfigFactory.load()));

        assertThat(defaults.readParallelism()).isEqualTo(4);
        assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tuned.readParallelism()).isEqualTo(8);
        assertThat(tuned.storeParallelism()).isEqualTo(defaults.storeParallelism());
    }

    @Test
    void aConfigsGenerationIsStableAndChangesWithModelOrChunking() {
        IndexConfig config = IndexConfig.defaults();
        IndexConfig otherChunks = new IndexConfig(config.embedding(),
                new io.syncline.chunking.ChunkingSpec(64, 0));

        assertThat(config.generation()).isEqualTo(IndexConfig.defaults().generation()).hasSize(16);
        assertThat(otherChunks.generation()).isNotEqualTo(config.generation());
    }
}
