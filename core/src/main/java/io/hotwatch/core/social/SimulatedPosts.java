package io.hotwatch.core.social;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.source.AuthorHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated social stream: real post texts placed at real incidents' times and places, for a demo of corroboration
 * where no geotagged social data exist (there is none for Chicago).
 *
 * <p>Incidents are taken in time order (then by id). For each, with probability {@code share}, one post is placed
 * between {@code minDelay} and {@code maxDelay} after it (uniform), as a witness or neighbour would post; its text is
 * drawn uniformly from the pool, related and not related texts alike, so the relevance model still has to tell them
 * apart. With probability {@code notGeotaggedShare} the post has no coordinates (most real posts are not geotagged),
 * otherwise it lies uniformly within {@code radiusMetres} of the incident (area-uniform, equirectangular metres,
 * which is exact enough at this scale). Its author is one of {@code authors} made-up names, hashed with
 * {@link AuthorHash#DEFAULT_SALT} (there is no one to protect). Every post has {@link #SOURCE} as source, so {@link
 * SocialPost#simulated()} is true, and an id starting with {@link #ID_PREFIX}, which real tweet ids (digits only)
 * cannot clash with. The same incidents, pool and settings give the same posts.
 */
public final class SimulatedPosts {

  /** The source of every simulated post: simulated, with texts from CrisisLexT26. */
  public static final String SOURCE = SocialPost.SIMULATED_PREFIX + "crisislext26";

  /** How simulated post ids start; the seed and a running number follow. */
  public static final String ID_PREFIX = "simulated-";

  private static final double METRES_PER_DEGREE_LATITUDE = 111_320;

  /**
   * How posts are placed.
   *
   * @param share the probability that an incident gets a post, in [0, 1]
   * @param notGeotaggedShare the probability that a post has no coordinates, in [0, 1]
   * @param minDelay the least time from an incident to its post
   * @param maxDelay the most time from an incident to its post
   * @param radiusMetres the farthest a geotagged post lies from its incident
   * @param authors how many made-up authors post
   * @param seed the random seed
   */
  public record Settings(
      double share, double notGeotaggedShare, Duration minDelay, Duration maxDelay, double radiusMetres, int authors,
      long seed) {

    public Settings {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("share " + share + " is outside [0, 1]");
      }
      if (!(notGeotaggedShare >= 0 && notGeotaggedShare <= 1)) {
        throw new IllegalArgumentException("notGeotaggedShare " + notGeotaggedShare + " is outside [0, 1]");
      }
      if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
        throw new IllegalArgumentException("delays " + minDelay + " to " + maxDelay + " are not a range from >= 0");
      }
      if (!(radiusMetres >= 0)) {
        throw new IllegalArgumentException("radiusMetres " + radiusMetres + " is negative");
      }
      if (authors < 1) {
        throw new IllegalArgumentException("authors " + authors + " is below 1");
      }
    }

    /**
     * The demo's choice: a post for one incident in five (a busy month then has a few thousand posts, enough for most
     * hotspots to show some), a quarter not geotagged, 1 to 10 minutes after, within 150 m (well inside an H3
     * resolution-8 cell's ~460 m edge, so most land in the incident's cell), 400 authors.
     */
    public static Settings demo(long seed) {
      return new Settings(0.2, 0.25, Duration.ofMinutes(1), Duration.ofMinutes(10), 150, 400, seed);
    }
  }

  private SimulatedPosts() {}

  /** Posts for {@code incidents}, sorted by posting time (then id). */
  public static List<SocialPost> place(List<Incident> incidents, PostTextPool pool, Settings settings) {
    List<Incident> ordered = new ArrayList<>(incidents);
    ordered.sort(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id));
    SplittableRandom random = new SplittableRandom(settings.seed());
    AuthorHash authorHash = new AuthorHash(AuthorHash.DEFAULT_SALT);
    long minDelayMillis = settings.minDelay().toMillis();
    long delaySpanMillis = settings.maxDelay().toMillis() - minDelayMillis;
    List<SocialPost> posts = new ArrayList<>();
    for (Incident incident : ordered) {
      // the same draws for every incident, posted or not, so one incident's outcome never shifts another's
      boolean posted = random.nextDouble() < settings.share();
      boolean geotagged = random.nextDouble() >= settings.notGeotaggedShare();
      long delay = minDelayMillis + (long) (random.nextDouble() * delaySpanMillis);
      long pick = random.nextLong();
      double[] offset = offsetMetres(random, settings.radiusMetres());
      if (!posted) {
        continue;
      }
      PostTextPool.Entry text = pool.entries().get((int) Math.floorMod(pick, (long) pool.entries().size()));
      String author = "simulated-author-" + Math.floorMod(pick >>> 32, (long) settings.authors());
      Double latitude = null;
      Double longitude = null;
      if (geotagged) {
        latitude = incident.latitude() + offset[0] / METRES_PER_DEGREE_LATITUDE;
        longitude = incident.longitude()
            + offset[1] / (METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(incident.latitude())));
      }
      posts.add(new SocialPost(
          ID_PREFIX + settings.seed() + "-" + posts.size(), SOURCE, incident.occurredAt().plusMillis(delay),
          text.text(), latitude, longitude, authorHash.of(author)));
    }
    posts.sort(Comparator.comparing(SocialPost::postedAt).thenComparing(SocialPost::id));
    return posts;
  }

  /** North and east metres of a point uniform over a disc: the square root keeps the density even over the area. */
  private static double[] offsetMetres(SplittableRandom random, double radius) {
    double r = radius * Math.sqrt(random.nextDouble());
    double angle = 2 * Math.PI * random.nextDouble();
    return new double[] {r * Math.cos(angle), r * Math.sin(angle)};
  }
}
