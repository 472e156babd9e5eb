package io.hotwatch.core.hotspot;

/**
 * An incident as the engine holds it: where, when, what, and the category model's forecast for it.
 *
 * @param id the source's own id; a later version with the same id replaces this one
 * @param cell H3 cell address (hex) at the baseline's resolution
 * @param occurredAt event time, epoch milliseconds
 * @param latitude WGS84 latitude
 * @param longitude WGS84 longitude
 * @param category normalised category name
 * @param probabilities the model's probability per category, indexed by CrimeCategory ordinal; may be empty
 */
public record HeldIncident(
    String id, String cell, long occurredAt, double latitude, double longitude, String category,
    float[] probabilities) {}
