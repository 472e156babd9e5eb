package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of a SODA response array.
 *
 * @param raw the element's JSON exactly as the server sent it (the payload of a dead letter)
 * @param node the element parsed
 */
public record SodaRow(String raw, JsonNode node) {}
