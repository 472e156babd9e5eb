package io.hotwatch.dashboard.alerting;

import io.micronaut.serde.annotation.Serdeable;

/** A Chicago police district: its number ({@code "18"}) and label ({@code "18TH"}). */
@Serdeable
public record District(String number, String label) {}
