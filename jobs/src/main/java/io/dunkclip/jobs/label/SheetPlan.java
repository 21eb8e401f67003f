package io.dunkclip.jobs.label;

import io.dunkclip.interval.FrameRange;

/**
 * Which frames go on which contact sheet: frames {@code 0, every, 2*every, ...} of a tape of {@code frameCount}
 * frames, {@code columns x rows} of them per sheet, in reading order. Sheets are numbered from 0 here and from 1 in
 * file names.
 */
record SheetPlan(long frameCount, int every, int columns, int rows) {

  SheetPlan {
    if (frameCount < 0 || every < 1 || columns < 1 || rows < 1) {
      throw new IllegalArgumentException("Cannot plan contact sheets: need 0 or more frames, every >= 1 and a grid of"
          + " at least 1x1 (frames=" + frameCount + ", every=" + every + ", grid=" + columns + "x" + rows + ")");
    }
  }

  int perSheet() {
    return columns * rows;
  }

  /** How many frames are shown: one per {@code every}, starting with frame 0. */
  long sampledFrames() {
    return frameCount == 0 ? 0 : (frameCount - 1) / every + 1;
  }

  int sheets() {
    return (int) ((sampledFrames() + perSheet() - 1) / perSheet());
  }

  /** The last frame shown; decoding can stop there. Only for a tape with frames. */
  long lastSampledFrame() {
    return (sampledFrames() - 1) * every;
  }

  boolean isSampled(long frame) {
    return frame % every == 0 && frame < frameCount;
  }

  /** The sheet (from 0) frame {@code frame} is shown on; the frame must be sampled. */
  int sheetOf(long frame) {
    return (int) (frame / every / perSheet());
  }

  /** The first and last frame shown on sheet {@code sheet} (from 0). */
  FrameRange framesOn(int sheet) {
    long first = (long) sheet * perSheet() * every;
    return FrameRange.of(first, Math.min(lastSampledFrame(), first + (long) (perSheet() - 1) * every));
  }

  /** The size of a thumbnail of an upright {@code width x height} picture that fits a {@code box x box} square. */
  static int[] thumbnailSize(int width, int height, int box) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "Cannot size thumbnails: the picture has no area (size=" + width + "x" + height + ")");
    }
    if (width >= height) {
      return new int[] {box, Math.max(2, (int) Math.round((double) box * height / width))};
    }
    return new int[] {Math.max(2, (int) Math.round((double) box * width / height)), box};
  }
}
