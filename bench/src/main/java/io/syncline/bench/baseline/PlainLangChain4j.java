package io.syncline.bench.baseline;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.syncline.chunking.ChunkingSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer: what a team writes instead of Syncline. LangChain4j's {@link EmbeddingStoreIngestor} loads the files of
 * a directory, splits them with the recursive splitter (sizes in tokens, counted by LangChain4j's HuggingFace
 * estimator), embeds every segment and keeps the vectors in an {@link InMemoryEmbeddingStore}. It has no memory of
 * earlier runs: a resync is a new ingest of everything.
 */
public final class PlainLangChain4j {

    /** @param segments the segments embedded and stored */
    public record Ingest(int documents, int segments, double seconds) {
    }

    private final EmbeddingModel model;
    private final ChunkingSpec chunking;
    private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();

    public PlainLangChain4j(EmbeddingModel model, ChunkingSpec chunking) {
        this.model = model;
        this.chunking = chunking;
    }

    /** Ingests every file under {@code directory} into a new store, timed from loading to the last vector stored. */
    public Ingest ingest(Path directory) {
        DocumentSplitter recursive = DocumentSplitters.recursive(chunking.maxTokens(), chunking.overlapTokens(),
                tokens);
        AtomicInteger segments = new AtomicInteger();
        DocumentSplitter counted = document -> {
            List<TextSegment> split = recursive.split(document);
            segments.addAndGet(split.size());
            return split;
        };
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(counted)
                .embeddingModel(model)
                .embeddingStore(new InMemoryEmbeddingStore<>())
                .build();
        long started = System.nanoTime();
        List<Document> documents = FileSystemDocumentLoader.loadDocumentsRecursively(directory);
        ingestor.ingest(documents);
        return new Ingest(documents.size(), segments.get(), (System.nanoTime() - started) / 1e9);
    }
}
