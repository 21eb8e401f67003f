package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_get_side_data;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads a tape's frame table by demuxing its packets: no frame is decoded, so planning a two-minute 1080p tape costs
 * milliseconds, not a full decode on the driver.
 */
public final class TapeProbe {
  private TapeProbe() {}

  /** Probes {@code file}; {@code tapeName} is what errors call it (the user's path). */
  public static TapeInfo probe(Path file, String tapeName) {
    return probe(TapeSource.file(file), tapeName);
  }

  /** Probes the tape at {@code source}; {@code tapeName} is what errors call it. */
  public static TapeInfo probe(TapeSource source, String tapeName) {
    // try-with-resources: a failure to close is attached to the probe's own error instead of replacing its reason.
    try (FFmpegFrameGrabber grabber = source.grabber(tapeName)) {
      Tapes.start(grabber, tapeName);
      AVFormatContext format = grabber.getFormatContext();
      int videoIndex = videoStreamIndex(format, tapeName);
      AVStream stream = format.streams(videoIndex);
      AVRational timeBase = stream.time_base();
      long num = timeBase.num();
      long den = timeBase.den();
      int rotation = rotationDegrees(stream, grabber);

      long[] timestamps = new long[1024];
      boolean[] keyframe = new boolean[1024];
      int count = 0;
      boolean lastIsCut = false;
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        if (packet.stream_index() != videoIndex) {
          continue;
        }
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (pts == AV_NOPTS_VALUE) {
          throw new TapeException(tapeName, "video packet " + count + " carries no timestamp");
        }
        if (count == timestamps.length) {
          timestamps = Arrays.copyOf(timestamps, count * 2);
          keyframe = Arrays.copyOf(keyframe, count * 2);
        }
        // Same arithmetic as FFmpegFrameGrabber stamps decoded frames with, so indexOf() matches exactly.
        timestamps[count] = 1000000L * pts * num / den;
        keyframe[count] = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        count++;
        // A packet the file ends inside is flagged corrupt: at the end it is a frame that cannot be decoded, so
        // it is not counted (the truncation is reported below); in the middle it stays, and decoding reports it.
        lastIsCut = (packet.flags() & AV_PKT_FLAG_CORRUPT) != 0;
      }
      if (lastIsCut) {
        count--;
      }
      if (count == 0) {
        throw new TapeException(tapeName, "the video stream holds no frames");
      }
      // The index (MP4's sample table) says how many frames the file should hold; reading stops early, with no error
      // JavaCV passes on, when the data ends before it does. Kept, so the frames before the damage are still used.
      long listed = Math.max(0, stream.nb_frames());
      return table(tapeName, Arrays.copyOf(timestamps, count), Arrays.copyOf(keyframe, count), grabber, rotation,
          listed);
    } catch (FrameGrabber.Exception e) {
      throw new TapeException(tapeName, "demuxing failed (" + Tapes.firstLine(e.getMessage()) + ")", e);
    }
  }

  private static TapeInfo table(
      String tapeName, long[] decodeOrder, boolean[] keyframeInDecodeOrder, FFmpegFrameGrabber grabber, int rotation,
      long listedFrames) {
    int count = decodeOrder.length;
    long[] presentation = decodeOrder.clone();
    Arrays.sort(presentation);
    for (int i = 1; i < count; i++) {
      if (presentation[i] == presentation[i - 1]) {
        throw new TapeException(
            tapeName, "two video frames share the timestamp " + presentation[i] + " us; frame order is ambiguous");
      }
    }
    long[] keyframes = new long[count];
    int keyframeCount = 0;
    for (int i = 0; i < count; i++) {
      if (keyframeInDecodeOrder[i]) {
        keyframes[keyframeCount++] = Arrays.binarySearch(presentation, decodeOrder[i]);
      }
    }
    long[] keyframeIndices = Arrays.copyOf(keyframes, keyframeCount);
    Arrays.sort(keyframeIndices);
    boolean hasAudio = grabber.getAudioChannels() > 0;
    return new TapeInfo(
        tapeName,
        presentation,
        keyframeIndices,
        grabber.getVideoFrameRate(),
        grabber.getImageWidth(),
        grabber.getImageHeight(),
        rotation,
        hasAudio,
        hasAudio ? grabber.getSampleRate() : 0,
        grabber.getAudioChannels(),
        listedFrames);
  }

  static int videoStreamIndex(AVFormatContext format, String tapeName) {
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        return i;
      }
    }
    throw new TapeException(tapeName, "has no video stream (audio-only or data file)");
  }

  /**
   * Clockwise degrees that make the coded picture upright: the display matrix when the stream has one, else the
   * legacy {@code rotate} tag phones wrote before display matrices.
   */
  static int rotationDegrees(AVStream stream, FFmpegFrameGrabber grabber) {
    try (SizeTPointer size = new SizeTPointer(1)) {
      BytePointer matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, size);
      if (matrix != null && !matrix.isNull() && size.get() >= 9 * 4) {
        // av_display_rotation_get answers counter-clockwise degrees.
        double counterClockwise = av_display_rotation_get(new IntPointer(matrix));
        if (!Double.isNaN(counterClockwise)) {
          return normalise(-Math.round(counterClockwise));
        }
      }
    }
    String tag = grabber.getVideoMetadata("rotate");
    if (tag != null && !tag.isBlank()) {
      try {
        return normalise(Math.round(Double.parseDouble(tag.trim())));
      } catch (NumberFormatException e) {
        return 0; // a malformed tag is treated as absent, as players do
      }
    }
    return 0;
  }

  static int normalise(long degrees) {
    long quarterTurns = Math.round(degrees / 90.0);
    return (int) (((quarterTurns % 4) + 4) % 4) * 90;
  }
}
