/**
 * Embedding models: the in-process ONNX models and the registry that loads each once per JVM.
 * Nothing here knows about workspaces, sources or storage.
 */
package io.syncline.embedding;
