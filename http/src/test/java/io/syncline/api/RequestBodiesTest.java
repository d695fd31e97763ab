package io.syncline.api;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.LocalModel;
import io.syncline.embedding.NamedEndpoint;
import io.syncline.source.SourceSpec;
import io.syncline.source.SourceType;
import io.syncline.sync.IndexConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodiesTest {

    private static final long NODE_LIMIT = SourceSpec.DEFAULT_MAX_FILE_BYTES;

    @Test
    void aWorkspaceWithoutConfigGetsTheDefaultModelAndChunksThatFillItsWindow() {
        IndexConfig config = JsonBody.parse("{\"id\":\"a\"}", CreateWorkspaceBody.class).config().toConfig(Optional.empty());

        assertThat(config).isEqualTo(IndexConfig.defaults());
        assertThat(config.chunking().maxTokens()).isEqualTo(LocalModel.DEFAULT.maxChunkTokens());
    }

    @Test
    void aChangeOfModelAloneMovesTheChunkingToTheNewModelsWindow() {
        IndexConfig bge = JsonBody.parse("{\"embedding\":{\"model\":\"bge-small-en-v15-q\"}}", ConfigBody.class)
                .applyTo(IndexConfig.defaults(), Optional.empty());
        IndexConfig chunkingOnly = JsonBody.parse("{\"chunking\":{\"maxTokens\":64}}", ConfigBody.class)
                .applyTo(IndexConfig.defaults(), Optional.empty());

        assertThat(bge.chunking().maxTokens()).isEqualTo(LocalModel.BGE_SMALL_EN_V15_Q.maxChunkTokens());
        assertThat(chunkingOnly.embedding()).isEqualTo(IndexConfig.defaults().embedding());
        assertThat(chunkingOnly.chunking().maxTokens()).isEqualTo(64);
        assertThat(chunkingOnly.chunking().overlapTokens()).isLessThanOrEqualTo(32);
    }

    @Test
    void wrongTypesAndUnknownFieldsNameTheField() {
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"a\",\"chunking\":{\"maxTokens\":\"x\"}}",
                CreateWorkspaceBody.class)).hasMessageContaining("chunking.maxTokens");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"a\",\"extra\":true}", CreateWorkspaceBody.class))
                .hasMessageContaining("unknown field 'extra'").hasMessageContaining("chunking, embedding, id");
        assertThatThrownBy(() -> JsonBody.parse("not json", CreateWorkspaceBody.class))
                .isInstanceOf(ApiException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void sourceBodiesBecomeSpecsWithDefaultsAndRefuseFieldsOfTheOtherType() {
        SourceSpec git = JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"/repo\",\"exclude\":[\"*.png\"]}",
                SourceBody.class).toSpec(NODE_LIMIT);

        assertThat(git.type()).isEqualTo(SourceType.GIT);
        assertThat(git.include()).containsExactly("**");
        assertThat(git.maxFileBytes()).isEqualTo(SourceSpec.DEFAULT_MAX_FILE_BYTES);
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"f\",\"type\":\"filesystem\",\"path\":\"/d\","
                + "\"branch\":\"main\"}", SourceBody.class).toSpec(NODE_LIMIT)).hasMessageContaining("for git sources");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"f\",\"type\":\"git\",\"uri\":\"/r\",\"maxFileBytes\":0}",
                SourceBody.class).toSpec(NODE_LIMIT)).hasMessageContaining("'maxFileBytes' must be positive");
    }

    @Test
    void aPrivateRepositoryNamesCredentialsAndAUriWithCredentialsSaysSo() {
        SourceSpec named = JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"https://git.example.com/r.git\","
                + "\"credentials\":\"example\"}", SourceBody.class).toSpec(NODE_LIMIT);

        assertThat(named.credentials()).isEqualTo("example");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"r\",\"type\":\"git\","
                + "\"uri\":\"https://me:hunter2@git.example.com/r.git\"}", SourceBody.class).toSpec(NODE_LIMIT))
                .hasMessageContaining("holds a user or password")
                .hasMessageContaining("\"credentials\": \"<name>\"").message().doesNotContain("hunter2");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"f\",\"type\":\"filesystem\",\"path\":\"/d\","
                + "\"credentials\":\"example\"}", SourceBody.class).toSpec(NODE_LIMIT))
                .hasMessageContaining("are for git sources");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"https://h/r.git\","
                + "\"credentials\":\"../etc/passwd\"}", SourceBody.class).toSpec(NODE_LIMIT))
                .hasMessageContaining("field 'credentials' must be the name of credentials the operator defined");
    }

    @Test
    void sourceLimitsNameTheLimitAndItsValue() {
        String many = "[" + "\"*.md\",".repeat(65) + "\"*.txt\"]";
        String longGlob = "[\"" + "a".repeat(257) + "\"]";

        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"/r\",\"include\":" + many
                + "}", SourceBody.class).toSpec(NODE_LIMIT)).hasMessageContaining("at most 64 globs, had 66");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"/r\",\"exclude\":"
                + longGlob + "}", SourceBody.class).toSpec(NODE_LIMIT))
                .hasMessageContaining("a glob of 257 characters; the limit is 256");
        assertThatThrownBy(() -> JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"/r\","
                + "\"maxFileBytes\":1048577}", SourceBody.class).toSpec(NODE_LIMIT))
                .hasMessageContaining("'maxFileBytes' must be at most 1048576").hasMessageContaining("was 1048577");
        assertThat(JsonBody.parse("{\"id\":\"r\",\"type\":\"git\",\"uri\":\"/r\",\"maxFileBytes\":1048576}",
                SourceBody.class).toSpec(NODE_LIMIT).maxFileBytes()).isEqualTo(1048576);
    }

    private static final Optional<NamedEndpoint> FAKE = Optional.of(new NamedEndpoint("openai",
            "http://127.0.0.1:9/v1", "K", null, Map.of("m", List.of(8, 16), "single", List.of(384))));

    @Test
    void aRemoteModelComesFromItsEndpointAndTheRequestCannotSayWhereOrWhichKey() {
        IndexConfig config = JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"single\"}}",
                ConfigBody.class).toConfig(FAKE);

        assertThat(config.embedding().provider()).isEqualTo("openai");
        assertThat(config.embedding().baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(config.embedding().apiKeyEnv()).isEqualTo("K");
        assertThat(config.embedding().dimensions()).isEqualTo(384);
        assertThat(config.embedding().endpoint()).isEqualTo("fake");
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"m\","
                + "\"baseUrl\":\"http://attacker.example\"}}", ConfigBody.class).toConfig(FAKE))
                .hasMessageContaining("an admin's to set");
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"provider\":\"openai\",\"model\":\"m\","
                + "\"apiKeyEnv\":\"AWS_SECRET_ACCESS_KEY\"}}", ConfigBody.class).toConfig(Optional.empty()))
                .hasMessageContaining("an admin's to set");
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"provider\":\"openai\",\"model\":\"m\"}}",
                ConfigBody.class).toConfig(Optional.empty())).hasMessageContaining("embedding.endpoint is required");
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"m\","
                + "\"dimensions\":12}}", ConfigBody.class).toConfig(FAKE))
                .hasMessageContaining("12 is not a size endpoint 'fake' serves of 'm': [8, 16]");
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"m\"}}",
                ConfigBody.class).toConfig(FAKE)).hasMessageContaining("embedding.dimensions is required");
    }

    @Test
    void movingAWorkspaceToAnotherEndpointOfTheSameModelOrChangingItsLimitsKeepsItsChunkingAndGeneration() {
        IndexConfig migrated = new IndexConfig(new EmbeddingSpec("openai", "single", "http://127.0.0.1:9/v1", 384, "K",
                null, null, null, null, null, null, "migrated-openai-0123456789"), new ChunkingSpec(200, 20));

        IndexConfig moved = JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"single\","
                + "\"batchSize\":8}}", ConfigBody.class).applyTo(migrated, FAKE);

        assertThat(moved.embedding().endpoint()).isEqualTo("fake");
        assertThat(moved.chunking()).isEqualTo(migrated.chunking());
        assertThat(moved.generation()).isEqualTo(migrated.generation());
    }

    @Test
    void aProviderTimeoutOverFiveMinutesIsRefused() {
        assertThatThrownBy(() -> JsonBody.parse("{\"embedding\":{\"endpoint\":\"fake\",\"model\":\"m\","
                + "\"dimensions\":8,\"timeout\":\"6m\"}}", ConfigBody.class).toConfig(FAKE))
                .hasMessageContaining("embedding.timeout must be at most 5m, was '6m'");
    }
}
