package io.hotwatch.dashboard.web;

import io.hotwatch.dashboard.board.HotspotBoard;
import io.hotwatch.dashboard.kafka.HotspotAlertConsumer;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** The board over plain HTTP, for the page's start-up and for anything that cannot hold a socket. */
@Controller("/api")
public class DashboardController {

  /** RFC 7946's media type, registered with the JSON codec in {@code application.yml}. */
  public static final String GEO_JSON = "application/geo+json";

  private final HotspotBoard board;
  private final HotspotFeed feed;
  private final HotspotAlertConsumer consumer;
  private final MapSettings mapSettings;

  public DashboardController(
      HotspotBoard board, HotspotFeed feed, HotspotAlertConsumer consumer, MapSettings mapSettings) {
    this.board = board;
    this.feed = feed;
    this.consumer = consumer;
    this.mapSettings = mapSettings;
  }

  /** The open hotspots as a GeoJSON FeatureCollection, latest event first. */
  @Get("/hotspots")
  @Produces(GEO_JSON)
  public HotspotGeoJson.FeatureCollection hotspots() {
    return HotspotGeoJson.of(board.current());
  }

  @Get("/stats")
  public FeedStats stats() {
    return new FeedStats(
        consumer.topic(),
        consumer.recordsRead(),
        consumer.malformedRecords(),
        consumer.lastRejection(),
        board.size(),
        board.ignored(),
        board.newestEventTime().orElse(null),
        feed.openSessions(),
        feed.stats());
  }

  @Get("/map-settings")
  public MapSettings mapSettings() {
    return mapSettings;
  }
}
