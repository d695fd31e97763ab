/**
 * Benchmarks: each measures Syncline against its baseline in the same process and ends with one line
 * {@code RESULT {json}}. Run by {@code bin/syncline bench NAME}; figures go to docs/benchmarks.md. Not tests.
 */
package io.syncline.bench;
