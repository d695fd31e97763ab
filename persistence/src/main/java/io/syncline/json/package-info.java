/**
 * The JSON setup shared by the API, the manifest and the tools: one configured Jackson mapper.
 */
package io.syncline.json;
