package io.syncline.sync;

import com.datastax.oss.driver.api.core.CqlSession;
import io.syncline.embedding.Embedders;
import io.syncline.source.SourceCaches;
import io.syncline.source.SourcePolicy;
import io.syncline.store.ChunkStore;
import io.syncline.store.ChunkTables;
import io.syncline.store.DeadLetterStore;
import io.syncline.store.DocumentStore;
import io.syncline.store.EmbeddingCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Everything a sync or a search needs from the node, made once: the tables, the embedders and the texts they are
 * embedding now, the dispatchers for blocking work, the pipeline settings and the directory where sources keep their
 * local copies.
 */
public final class IndexServices {

    private final ActorSystem<?> system;
    private final DocumentStore documents;
    private final EmbeddingCache embeddingCache;
    private final InFlightEmbeddings inFlightEmbeddings = new InFlightEmbeddings();
    private final InFlightWrites inFlightWrites = new InFlightWrites();
    private final DeadLetterStore deadLetters;
    private final ChunkTables chunkTables;
    private final Embedders embedders;
    private final PipelineSettings settings;
    private final SourceCaches sourceCaches;
    private final SourcePolicy sourcePolicy;
    private final Executor blocking;
    private final Executor embedding;

    public IndexServices(ActorSystem<?> system, CqlSession session, String keyspace, Embedders embedders,
                         Path sourcesDir, SourcePolicy sourcePolicy) {
        this.system = system;
        this.documents = new DocumentStore(session, keyspace);
        this.embeddingCache = new EmbeddingCache(session, keyspace);
        this.deadLetters = new DeadLetterStore(session, keyspace);
        this.chunkTables = new ChunkTables(session, keyspace);
        this.embedders = embedders;
        this.settings = PipelineSettings.fromConfig(system.settings().config());
        this.sourceCaches = new SourceCaches(sourcesDir);
        this.sourcePolicy = sourcePolicy;
        this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("syncline.dispatchers.blocking"));
        this.embedding = system.dispatchers().lookup(DispatcherSelector.fromConfig(Embedders.CALLERS_DISPATCHER));
    }

    public ActorSystem<?> system() {
        return system;
    }

    public DocumentStore documents() {
        return documents;
    }

    public EmbeddingCache embeddingCache() {
        return embeddingCache;
    }

    /** The texts this node is embedding now, shared by all its jobs so that each is embedded once. */
    InFlightEmbeddings inFlightEmbeddings() {
        return inFlightEmbeddings;
    }

    public InFlightWrites inFlightWrites() {
        return inFlightWrites;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** The dimensions that have a chunk table. */
    public List<Integer> dimensions() {
        return chunkTables.dimensions();
    }

    /** The chunk table for vectors of a dimension, created if missing: blocking the first time. */
    public ChunkStore chunks(int dimension) {
        return chunkTables.forDimension(dimension);
    }

    /** The chunk table of a dimension if it exists, else null: for readers, which never create one. */
    public ChunkStore existingChunks(int dimension) {
        return chunkTables.existing(dimension);
    }

    public Embedders embedders() {
        return embedders;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** Where this node keeps its copies of sources (git mirrors). */
    public SourceCaches sourceCaches() {
        return sourceCaches;
    }

    /** The dispatcher for JGit, file I/O and tokenizing. */
    /** Where local sources may be: checked before a source is added and before each of its jobs. */
    public SourcePolicy sourcePolicy() {
        return sourcePolicy;
    }

    public Executor blocking() {
        return blocking;
    }

    /** The dispatcher that calls into embedding models. */
    public Executor embedding() {
        return embedding;
    }
}
