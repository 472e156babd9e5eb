package io.hotwatch.core.taxonomy;

import java.util.Locale;
import java.util.Map;

/**
 * The one category taxonomy shared by every city: each source maps its own category text onto these names.
 * The mapping is documented in docs/TAXONOMY.md.
 */
public enum CrimeCategory {
  HOMICIDE,
  ASSAULT_BATTERY,
  ROBBERY,
  SEX_OFFENSE,
  BURGLARY,
  THEFT,
  MOTOR_VEHICLE_THEFT,
  CRIMINAL_DAMAGE,
  NARCOTICS,
  WEAPONS,
  FRAUD,
  PUBLIC_ORDER,
  OTHER;

  private static final Map<String, CrimeCategory> CHICAGO =
      Map.ofEntries(
          Map.entry("HOMICIDE", HOMICIDE),
          Map.entry("ASSAULT", ASSAULT_BATTERY),
          Map.entry("BATTERY", ASSAULT_BATTERY),
          Map.entry("INTIMIDATION", ASSAULT_BATTERY),
          Map.entry("STALKING", ASSAULT_BATTERY),
          Map.entry("KIDNAPPING", ASSAULT_BATTERY),
          Map.entry("HUMAN TRAFFICKING", ASSAULT_BATTERY),
          Map.entry("ROBBERY", ROBBERY),
          Map.entry("CRIM SEXUAL ASSAULT", SEX_OFFENSE),
          Map.entry("CRIMINAL SEXUAL ASSAULT", SEX_OFFENSE),
          Map.entry("SEX OFFENSE", SEX_OFFENSE),
          Map.entry("PROSTITUTION", SEX_OFFENSE),
          Map.entry("OBSCENITY", SEX_OFFENSE),
          Map.entry("PUBLIC INDECENCY", SEX_OFFENSE),
          Map.entry("BURGLARY", BURGLARY),
          Map.entry("THEFT", THEFT),
          Map.entry("MOTOR VEHICLE THEFT", MOTOR_VEHICLE_THEFT),
          Map.entry("CRIMINAL DAMAGE", CRIMINAL_DAMAGE),
          Map.entry("ARSON", CRIMINAL_DAMAGE),
          Map.entry("NARCOTICS", NARCOTICS),
          Map.entry("OTHER NARCOTIC VIOLATION", NARCOTICS),
          Map.entry("WEAPONS VIOLATION", WEAPONS),
          Map.entry("CONCEALED CARRY LICENSE VIOLATION", WEAPONS),
          Map.entry("DECEPTIVE PRACTICE", FRAUD),
          Map.entry("CRIMINAL TRESPASS", PUBLIC_ORDER),
          Map.entry("PUBLIC PEACE VIOLATION", PUBLIC_ORDER),
          Map.entry("INTERFERENCE WITH PUBLIC OFFICER", PUBLIC_ORDER),
          Map.entry("LIQUOR LAW VIOLATION", PUBLIC_ORDER),
          Map.entry("GAMBLING", PUBLIC_ORDER),
          Map.entry("OFFENSE INVOLVING CHILDREN", OTHER),
          Map.entry("OTHER OFFENSE", OTHER),
          Map.entry("NON-CRIMINAL", OTHER),
          Map.entry("NON - CRIMINAL", OTHER),
          Map.entry("NON-CRIMINAL (SUBJECT SPECIFIED)", OTHER));

  /** Maps a Chicago "Primary Type" to the shared taxonomy; unknown types become {@link #OTHER}. */
  public static CrimeCategory fromChicagoPrimaryType(String primaryType) {
    if (primaryType == null) {
      return OTHER;
    }
    return CHICAGO.getOrDefault(primaryType.trim().toUpperCase(Locale.ROOT), OTHER);
  }

  /** Maps an NYPD shooting: fatal shootings (STATISTICAL_MURDER_FLAG true) are homicides, the rest assaults. */
  public static CrimeCategory fromNypdShooting(boolean murderFlag) {
    return murderFlag ? HOMICIDE : ASSAULT_BATTERY;
  }

  /** Parses a normalised category name, as carried in {@code Incident.category}. */
  public static CrimeCategory parse(String name) {
    return valueOf(name);
  }

  /** True when {@code name} is one of the normalised category names. */
  public static boolean isKnown(String name) {
    if (name == null) {
      return false;
    }
    for (CrimeCategory c : values()) {
      if (c.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
