/**
 * A fake embeddings provider for tests, benchmarks and chaos runs: one loopback HTTP server that speaks the wire
 * protocols of OpenAI, Ollama and Cohere embeddings and can answer with scripted faults.
 * Test code only; nothing here may listen on, or contact, any address but 127.0.0.1, except the one local address
 * a chaos test names (its own test network's bridge).
 */
package io.syncline.testing.fake;
