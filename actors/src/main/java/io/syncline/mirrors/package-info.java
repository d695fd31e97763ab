/**
 * The node-local copies of sources (git mirrors under {@code $SYNCLINE_HOME/sources}): only a cache, fetched by
 * whichever node runs a job. A removed source's copies go on every node; copies nobody used for a long time go too.
 * Nothing here reads a source or touches the index.
 */
package io.syncline.mirrors;
