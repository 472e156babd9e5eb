package io.hotwatch.training.relevance;

/**
 * One annotated post reduced to what the relevance model learns from.
 *
 * @param event the crisis it was collected for, e.g. {@code 2013_Boston_bombings}
 * @param id the tweet id
 * @param text the post's text
 * @param related true for "Related and informative" and "Related - but not informative", false for "Not related"
 */
public record LabelledText(String event, String id, String text, boolean related) {}
