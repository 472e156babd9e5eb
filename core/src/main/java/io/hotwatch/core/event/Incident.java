package io.hotwatch.core.event;

import java.time.Instant;

/**
 * One police incident report, normalised across cities.
 *
 * @param id the source's own record id (Chicago's {@code ID} column, NYPD's {@code INCIDENT_KEY})
 * @param source data set the record came from, e.g. {@code chicago-crimes}
 * @param occurredAt when the incident happened (source local time converted to an instant)
 * @param reportedAt when the record was last reported or updated by the source; may be null
 * @param latitude WGS84 latitude in degrees
 * @param longitude WGS84 longitude in degrees
 * @param category normalised category name, one of {@link io.hotwatch.core.taxonomy.CrimeCategory}
 * @param originalCategory the source's own category text
 * @param description the source's free-text description; may be empty
 * @param district police district or precinct; may be empty
 * @param beat police beat; may be empty
 * @param locationType the source's location description (STREET, RESIDENCE, ...); may be empty
 */
public record Incident(
    String id,
    String source,
    Instant occurredAt,
    Instant reportedAt,
    double latitude,
    double longitude,
    String category,
    String originalCategory,
    String description,
    String district,
    String beat,
    String locationType) {}
