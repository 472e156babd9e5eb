package io.hotwatch.core.source;

import io.hotwatch.core.event.SocialPost;

/**
 * A social post with the annotators' labels, kept apart from {@link SocialPost} because labels exist only in training
 * data, never in a live stream.
 *
 * @param post the post as it would arrive on the stream
 * @param informativeness e.g. "Related and informative", "Related - but not informative", "Not related"
 * @param informationType e.g. "Caution and advice", "Affected individuals", "Not labeled"
 * @param informationSource who posted, as labelled: "Eyewitness", "Media", "Outsiders", ...
 * @param event the crisis the post was collected for, e.g. {@code 2013_Boston_bombings}
 */
public record LabelledPost(
    SocialPost post, String informativeness, String informationType, String informationSource, String event) {}
