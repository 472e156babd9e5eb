package io.hotwatch.core.hotspot;

import java.util.List;

/**
 * A cluster of adjacent cells scored in one window.
 *
 * @param window index of the window in the settings
 * @param windowMillis the window's length
 * @param cells H3 addresses, sorted
 * @param observed incidents in the cells during the window
 * @param expected the baseline's expectation there (not rescaled to the city total)
 * @param llr Kulldorff's log-likelihood ratio
 * @param relativeRisk Kulldorff's relative risk
 * @param cityLevel the whole city's observed over expected in the window, which the LLR conditions on
 */
public record ScanCluster(
    int window, long windowMillis, List<String> cells, long observed, double expected, double llr,
    double relativeRisk,
    double cityLevel) {}
