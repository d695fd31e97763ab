package io.syncline.embedding;

import ai.onnxruntime.OrtEnvironment;
import io.syncline.testing.Vectors;

import java.util.List;

/**
 * Run in a JVM of its own by {@link OnnxNativesTest}, as one start of a node: loads ONNX Runtime the node's way
 * ({@code syncline}: the default model through {@link Embedders}, one text embedded) or on its own ({@code bare}),
 * prints where ONNX Runtime was told its libraries are ("native PATH") and "done", then ends normally ({@code exit})
 * or as a kill -9 would end it, without exit hooks ({@code crash}).
 */
public final class OnnxNativesProbe {

    private OnnxNativesProbe() {
    }

    public static void main(String[] args) {
        if (args[0].equals("syncline")) {
            Embedders embedders = new Embedders(1);
            Vectors.of(embedders.forSpec(EmbeddingSpec.defaultSpec()), List.of("a few words to embed"));
        } else {
            OrtEnvironment.getEnvironment();
        }
        System.out.println("native " + System.getProperty(OnnxNatives.PATH_PROPERTY));
        System.out.println("done");
        System.out.flush();
        if (args[1].equals("crash")) {
            Runtime.getRuntime().halt(0);
        }
        System.exit(0);
    }
}
