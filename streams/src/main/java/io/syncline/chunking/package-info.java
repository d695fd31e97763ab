/**
 * Cutting documents into chunks that fit a model's window, counted with that model's own tokenizer.
 * Pure computation: no I/O, no actors, no storage.
 */
package io.syncline.chunking;
