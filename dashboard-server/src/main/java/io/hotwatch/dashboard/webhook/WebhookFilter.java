package io.hotwatch.dashboard.webhook;

import io.hotwatch.dashboard.alerting.AlertRecord;
import io.hotwatch.dashboard.alerting.CapAssessment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Which alerts a subscription wants: in one of these police districts (by number), with one of these categories among
 * the counted incidents, of at least this CAP severity (Minor, Moderate, Severe, Extreme). Each left empty or null
 * lets every alert through.
 */
@Serdeable
public record WebhookFilter(
    @Nullable List<String> districts, @Nullable List<String> categories, @Nullable String minSeverity) {

  public static final WebhookFilter EVERYTHING = new WebhookFilter(List.of(), List.of(), null);

  public WebhookFilter {
    districts = districts == null ? List.of() : List.copyOf(districts);
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  public boolean matches(AlertRecord alert) {
    return (districts.isEmpty() || districts.stream().anyMatch(alert::inDistrict))
        && (categories.isEmpty() || categories.stream().anyMatch(alert.categories()::containsKey))
        && (minSeverity == null
            || CapAssessment.rank(CapAssessment.of(alert).severity()) >= CapAssessment.rank(minSeverity));
  }
}
