package io.syncline.api;

/** {@code POST /v1/workspaces}: {@code {"id", "embedding": {"provider", "model"}, "chunking": {...}}}. */
record CreateWorkspaceBody(String id, ConfigBody.Embedding embedding, ConfigBody.Chunking chunking) {

    ConfigBody config() {
        return new ConfigBody(embedding, chunking);
    }
}
