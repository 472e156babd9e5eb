package io.hotwatch.dashboard.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.geo.CellIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The districts read from the page's outlines, and which of them a hotspot's cells reach. */
class PoliceDistrictsTest {

  private final PoliceDistricts districts = new PoliceDistricts();

  @Test
  void everyDistrictOnceThoughTheThirtyFirstComesInThreeParts() {
    // 25 features: 22 districts and the 31st (areas outside the districts proper) in three parts.
    assertThat(districts.all()).hasSize(23);
    assertThat(districts.byNumber("31")).contains(new District("31", "31ST"));
    assertThat(districts.byNumber("13")).isEmpty();
  }

  @Test
  void aPlaceIsInTheDistrictThatHoldsItAndTheLakeInNone() {
    assertThat(districts.at(new GeoPoint(41.8781, -87.6298))).contains(new District("1", "1ST"));
    assertThat(districts.at(new GeoPoint(41.9000, -87.5000))).as("Lake Michigan").isEmpty();
  }

  @Test
  void aLakefrontCellWhoseCentreIsInTheWaterStillReachesItsDistrict() {
    // A cell of a real hotspot at Oak Street Beach (detect-run/): its centre lies just off the shore.
    String cell = "882664c117fffff";
    assertThat(districts.at(CellIndex.centroid(cell))).isEmpty();
    assertThat(districts.ofCells(List.of(cell))).extracting(District::number).contains("18");
  }
}
