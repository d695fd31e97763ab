/**
 * The metrics Syncline records, by the names Prometheus shows them (docs/operations.md lists them). They are
 * recorded where things happen, in Kamon's registry; the node starts Kamon and serves the scrape.
 */
package io.syncline.metrics;
