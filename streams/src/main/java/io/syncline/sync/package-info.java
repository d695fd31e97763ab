/**
 * The sync pipeline: plans a job from a source (full or by diff), runs documents through read, chunk, cache lookup,
 * embed and write as a Pekko Streams graph, sweeps what a full sync no longer finds, and reports checkpoints.
 * It holds no job state of its own: the workspace entity (module actors) persists it.
 */
package io.syncline.sync;
