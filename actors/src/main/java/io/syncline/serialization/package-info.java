/**
 * The serialization marker of messages and events. Nothing else lives here.
 */
package io.syncline.serialization;
