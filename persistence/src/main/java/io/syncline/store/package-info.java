/**
 * The index tables: documents, chunks with their vectors, the shared embedding cache. Asynchronous calls on the
 * driver's own threads; nothing here blocks, embeds or knows about sync jobs.
 */
package io.syncline.store;
