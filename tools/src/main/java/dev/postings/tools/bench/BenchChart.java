package dev.postings.tools.bench;

import dev.postings.tools.bench.BenchRun.Batch;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The bench's PNG, drawn with Java2D (no charting dependency): left, postings per second per batch; right, p50, p95 and
 * p99 latency per batch. Headless, so it runs on a server.
 */
final class BenchChart {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 520;
  private static final Color[] LATENCY_COLORS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)};

  private BenchChart() {}

  /** A white, headless canvas with the title drawn: what both of the bench's charts start from. */
  static Graphics2D canvas(BufferedImage image, String title) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 28);
    return g;
  }

  static void write(List<Batch> batches, Path png, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image, title);
    try {
      double[] throughput = batches.stream().mapToDouble(Batch::perSecond).toArray();
      bars(g, 20, 50, WIDTH / 2 - 40, HEIGHT - 70, "postings per second", batches, new double[][] {throughput},
          new Color[] {new Color(0x54A24B)}, new String[] {"per s"});
      double[][] latencies = {
          batches.stream().mapToDouble(Batch::p50Ms).toArray(),
          batches.stream().mapToDouble(Batch::p95Ms).toArray(),
          batches.stream().mapToDouble(Batch::p99Ms).toArray()};
      bars(g, WIDTH / 2 + 20, 50, WIDTH / 2 - 40, HEIGHT - 70, "latency start to end (ms)", batches, latencies,
          LATENCY_COLORS, new String[] {"p50", "p95", "p99"});
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", png.toFile());
  }

  /** Grouped bars: one group per batch, one bar per series, value labels on top, a legend when several series. */
  private static void bars(Graphics2D g, int x, int y, int width, int height, String heading, List<Batch> batches,
      double[][] series, Color[] colors, String[] names) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(heading, x, y + 14);
    int plotTop = y + 40;
    int plotBottom = y + height - 40;
    int plotLeft = x + 10;
    int plotRight = x + width;
    double max = 0;
    for (double[] values : series) {
      for (double value : values) {
        if (!Double.isNaN(value)) {
          max = Math.max(max, value);
        }
      }
    }
    max = max <= 0 ? 1 : max * 1.15;
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
    int groups = batches.size();
    double groupWidth = (plotRight - plotLeft) / (double) Math.max(1, groups);
    double barWidth = groupWidth * 0.8 / series.length;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int b = 0; b < groups; b++) {
      double groupLeft = plotLeft + b * groupWidth + groupWidth * 0.1;
      for (int s = 0; s < series.length; s++) {
        double value = series[s][b];
        if (Double.isNaN(value)) {
          continue;
        }
        int barHeight = (int) Math.round((plotBottom - plotTop) * value / max);
        int barX = (int) Math.round(groupLeft + s * barWidth);
        g.setColor(colors[s]);
        g.fillRect(barX, plotBottom - barHeight, (int) Math.max(1, barWidth - 2), barHeight);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value), barX,
            plotBottom - barHeight - 3);
      }
      g.setColor(Color.BLACK);
      g.drawString(batches.get(b).name(), (int) groupLeft, plotBottom + 16);
    }
    if (series.length > 1) {
      for (int s = 0; s < series.length; s++) {
        g.setColor(colors[s]);
        g.fillRect(plotRight - 150 + s * 50, y + 4, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(names[s], plotRight - 136 + s * 50, y + 14);
      }
    }
  }
}
