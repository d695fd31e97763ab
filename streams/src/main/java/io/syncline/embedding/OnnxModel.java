package io.syncline.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * One of LangChain4j's in-process models (its BERT encoder, tokenizer and pooling, from the model's own jar) on an
 * ONNX Runtime session configured for how Syncline calls it: many texts at once, one text per call, calls spread
 * over a thread per core.
 *
 * <p>LangChain4j's packaged models open their session with ONNX Runtime's defaults, where every call gets a pool of
 * as many threads as there are cores and those threads spin while they wait for work. Running one call per core on
 * top of that has each core's threads spinning against the others': on 2 cores the ingest benchmark's chunk texts
 * embedded at 56.8 texts/s that way, and at 89.6 texts/s with one thread per call and no spinning, to the same
 * vectors (docs/benchmarks.md). One text alone (a search query) runs on one thread too: about 3 ms for MiniLM.
 */
final class OnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    private OnnxModel(Executor executor, OnnxBertBiEncoder encoder, int dimension) {
        super(executor);
        this.encoder = encoder;
        this.dimension = dimension;
    }

    static OnnxModel load(LocalModel model, Executor executor) {
        OnnxNatives.prepare(); // before the first touch of ONNX Runtime's classes loads its libraries
        try (InputStream onnx = model.openOnnxGraph();
             InputStream tokenizer = model.openTokenizerJson();
             OrtSession.SessionOptions options = sessionOptions()) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            return new OnnxModel(executor, new OnnxBertBiEncoder(environment, session, tokenizer,
                    model.poolingMode()), model.dimension());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + model.id() + " from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model " + model.id(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }
}
