package io.hotwatch.training.hotspots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of hit rate against area share, one panel per horizon, one line per method. */
public final class HitRateChart {

  private static final int PANEL_WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final Map<String, String> LABELS =
      Map.of(
          HotspotForecastEvaluation.PREVIOUS, "(a) previous period",
          HotspotForecastEvaluation.KERNEL, "(b) kernel density",
          HotspotForecastEvaluation.HOTWATCH, "(c) Hotwatch");
  private static final Map<String, String> TITLES = Map.of("nextDay", "Next day", "nextWeek", "Next week");

  private HitRateChart() {}

  /** Writes the curves of a {@link HotspotForecastEvaluation.Result} to {@code png}. */
  public static void write(Map<String, Map<String, double[]>> curves, Path png) throws IOException {
    BufferedImage image =
        new BufferedImage(PANEL_WIDTH * curves.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    int x = 0;
    for (Map.Entry<String, Map<String, double[]>> horizon : curves.entrySet()) {
      XYSeriesCollection data = new XYSeriesCollection();
      for (Map.Entry<String, double[]> method : horizon.getValue().entrySet()) {
        XYSeries series = new XYSeries(LABELS.getOrDefault(method.getKey(), method.getKey()));
        series.add(0, 0);
        for (int s = 0; s < HotspotForecastEvaluation.CURVE_SHARES.length; s++) {
          series.add(100 * HotspotForecastEvaluation.CURVE_SHARES[s], 100 * method.getValue()[s]);
        }
        data.addSeries(series);
      }
      JFreeChart chart =
          ChartFactory.createXYLineChart(
              TITLES.getOrDefault(horizon.getKey(), horizon.getKey()) + ": incidents caught by the top cells",
              "area share (% of cells)", "hit rate (% of incidents)", data, PlotOrientation.VERTICAL, true, false,
              false);
      chart.getXYPlot().setBackgroundPaint(Color.WHITE);
      chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
      chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
      chart.draw(g, new Rectangle2D.Double(x, 0, PANEL_WIDTH, HEIGHT));
      x += PANEL_WIDTH;
    }
    g.dispose();
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }
}
