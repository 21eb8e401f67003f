package io.dunkclip.jobs.spark;

/**
 * Java2D drawing (contact sheets, training curves) runs on the driver and on executors, which have no screen. In
 * headless mode AWT draws into images without looking for a display; without it, a {@code DISPLAY} variable left
 * pointing at an unreachable X server makes the first drawing call fail.
 */
public final class Headless {
  public static final String PROPERTY = "java.awt.headless";

  private Headless() {}

  /**
   * Turns headless mode on unless someone chose explicitly ({@code -Djava.awt.headless=...} wins). Call before the
   * first drawing: AWT reads the property once.
   */
  public static void ensure() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}
