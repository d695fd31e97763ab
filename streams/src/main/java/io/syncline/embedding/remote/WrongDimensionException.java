package io.syncline.embedding.remote;

/** A provider answered with vectors of another size than the workspace's: every input would fail the same way. */
final class WrongDimensionException extends RuntimeException {

    WrongDimensionException(int got, int expected) {
        super("the provider returned vectors of " + got + " dimensions; the workspace expects " + expected
                + " (check embedding.model and embedding.dimensions)", null, false, false);
    }
}
