package io.hotwatch.dashboard.trends;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** The latest rolling trends, for the page's sparklines and category chart. */
@Controller("/api")
public class TrendController {

  private final TrendBoard board;

  public TrendController(TrendBoard board) {
    this.board = board;
  }

  /** The latest trend of every district and category, or of one district ({@code CITY} for the whole city). */
  @Get("/trends{?district}")
  public List<TrendSummary> trends(@QueryValue @Nullable String district) {
    return board.latest(district == null || district.isBlank() ? null : district.trim());
  }
}
