/**
 * Remote embedding providers (OpenAI and compatible endpoints, Ollama, Cohere) through LangChain4j, each endpoint
 * behind one governor per node: throttling in requests, tokens and concurrency, Retry-After, retries with backoff,
 * a circuit breaker, and batches split to isolate the texts a provider refuses. Nothing here knows about workspaces.
 */
package io.syncline.embedding.remote;
