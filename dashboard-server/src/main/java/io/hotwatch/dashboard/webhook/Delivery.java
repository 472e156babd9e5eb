package io.hotwatch.dashboard.webhook;

/**
 * One alert to POST to one subscription: the exact body, its media type and the headers that stay the same on every
 * try. The delivery id is derived from the subscription and the alert, so that the same alert delivered again (the
 * server rebuilds its history from the topic on a restart) carries the same id.
 */
record Delivery(String deliveryId, String alertId, String eventType, String contentType, byte[] body) {}
