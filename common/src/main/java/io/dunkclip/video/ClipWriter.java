package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes frames {@code first..last} of a tape as a new, upright H.264/AAC MP4 with the audio of exactly that time
 * span. Frame-accurate: the clip starts and ends on the requested frames even between keyframes, because it is
 * re-encoded from a decode that starts at the keyframe before and drops what precedes the first frame.
 *
 * <p>The bundled FFmpeg is the LGPL build, so H.264 is encoded by OpenH264 (Constrained Baseline); see README.
 */
public final class ClipWriter {
  /** Encoder bitrate per pixel per frame; ~4 Mbit/s for 720p30, ample for a highlight clip. */
  private static final double BITS_PER_PIXEL = 0.15;

  private ClipWriter() {}

  /** What was written: frames and audio samples, for the manifest and for checks. */
  public record Written(long frames, long audioSamples, int width, int height, double seconds) {}

  public static Written write(Path tape, TapeInfo info, long first, long last, Path output) {
    return write(tape, info, List.of(new long[] {first, last}), output, 1.0);
  }

  /**
   * Writes the given frame ranges (closed, ascending, not overlapping) one after another into one video: a single
   * clip, or a highlight reel of several. {@code slowmo} > 1 plays the frames slower (2 = half speed) by lowering
   * the frame rate; audio is then dropped, because slowing it without changing its pitch needs a time-stretch filter
   * this version does not apply, and a clip with mismatched audio is worse than a silent one.
   */
  public static Written write(Path tape, TapeInfo info, List<long[]> ranges, Path output, double slowmo) {
    return write(TapeSource.file(tape), info, ranges, output, slowmo);
  }

  /** As {@link #write(Path, TapeInfo, List, Path, double)}, reading the tape from {@code tape}. */
  public static Written write(TapeSource tape, TapeInfo info, List<long[]> ranges, Path output, double slowmo) {
    if (!(slowmo >= 1 && slowmo <= 16)) {
      throw new IllegalArgumentException("Cannot write clip: slow motion must be 1 to 16 (slowmo=" + slowmo + ")");
    }
    checkRanges(info, ranges);
    String what = ranges.size() == 1 ? "frames " + ranges.get(0)[0] + ".." + ranges.get(0)[1]
        : ranges.size() + " ranges";
    try (FFmpegFrameGrabber grabber = tape.grabber(info.tape())) {
      grabber.setPixelFormat(AV_PIX_FMT_RGB24);
      Tapes.start(grabber, info.tape());
      int width = info.uprightWidth();
      int height = info.uprightHeight();
      boolean audio = grabber.getAudioChannels() > 0 && slowmo == 1;
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), width, height,
          audio ? grabber.getAudioChannels() : 0)) {
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        double sourceRate = info.frameRate() > 0 ? info.frameRate() : 30;
        recorder.setFrameRate(sourceRate / slowmo);
        recorder.setVideoBitrate((int) Math.max(500_000, BITS_PER_PIXEL * width * height * sourceRate));
        recorder.setGopSize((int) Math.max(1, Math.round(recorder.getFrameRate())));
        // One encoder thread: OpenH264 with several threads encodes the same frames differently from run to run;
        // with one, a clip rendered again (a nightly rerun after a kill) is the same file byte for byte. Clips of a
        // run are encoded in parallel as separate Spark tasks anyway.
        recorder.setVideoOption("threads", "1");
        if (audio) {
          recorder.setAudioCodec(AV_CODEC_ID_AAC);
          recorder.setSampleRate(grabber.getSampleRate());
          recorder.setAudioBitrate(128_000);
        }
        recorder.start();
        long frames = 0;
        long samples = 0;
        double seconds = 0;
        boolean fresh = true;
        for (long[] range : ranges) {
          long startTs = info.frameTimestampsMicros()[(int) range[0]];
          long endTs = info.frameTimestampsMicros()[(int) range[1]] + info.frameDurationMicros(range[1]);
          long[] counts = copy(grabber, recorder, info, range[0], range[1], startTs, endTs, audio, fresh);
          fresh = false;
          frames += counts[0];
          samples += counts[1];
          seconds += (endTs - startTs) / 1e6 * slowmo;
        }
        recorder.stop();
        return new Written(frames, samples, width, height, seconds);
      }
    } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
      throw new TapeException(info.tape(), "writing a clip of " + what + " failed ("
          + Tapes.firstLine(e.getMessage()) + ")", e);
    }
  }

  private static long[] copy(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder, TapeInfo info, long first,
      long last, long startTs, long endTs, boolean audio, boolean fresh)
      throws FrameGrabber.Exception, FrameRecorder.Exception {
    long keyframe = info.keyframeAtOrBefore(first);
    if (keyframe > 0 || !fresh) {
      long start = grabber.getFormatContext().start_time();
      // One microsecond before the keyframe: the seek's own catch-up loop then stops before consuming it.
      grabber.setTimestamp(Math.max(0,
          info.frameTimestampsMicros()[(int) keyframe] - (start == AV_NOPTS_VALUE ? 0 : start) - 1));
    }
    long frames = 0;
    long samples = 0;
    long expected = first;
    boolean videoDone = false;
    boolean audioDone = !audio;
    Frame frame;
    while (!(videoDone && audioDone) && (frame = grabber.grab()) != null) {
      if (frame.image != null && !videoDone) {
        long index = info.indexOf(frame.timestamp);
        if (index < first) {
          continue;
        }
        if (index != expected) {
          throw new TapeException(info.tape(), "frames " + expected + ".." + (index - 1)
              + " could not be decoded for the clip (the tape is damaged there)");
        }
        recorder.record(upright(frame, info), AV_PIX_FMT_RGB24);
        frames++;
        expected++;
        videoDone = expected > last;
      } else if (frame.samples != null && !audioDone) {
        long written = recordAudioWithin(recorder, frame, startTs, endTs);
        samples += written;
        long frameEnd = frame.timestamp + Math.round(1e6 * sampleCount(frame) / frame.sampleRate);
        audioDone = frameEnd >= endTs;
      }
    }
    if (!videoDone) {
      throw new TapeException(info.tape(), "the tape ended at frame " + expected + " before the clip's last frame "
          + last + " (truncated or damaged)");
    }
    return new long[] {frames, samples};
  }

  private static Frame upright(Frame frame, TapeInfo info) {
    if (info.rotationDegrees() == 0) {
      return frame;
    }
    byte[] rgb = Rgb.uprightCopy((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight,
        frame.imageStride, info.rotationDegrees());
    Frame rotated = Rgb.toFrame(rgb, info.uprightWidth(), info.uprightHeight());
    rotated.timestamp = frame.timestamp;
    return rotated;
  }

  private static int sampleCount(Frame frame) {
    Buffer buffer = frame.samples[0];
    return frame.samples.length > 1 ? buffer.limit() : buffer.limit() / frame.audioChannels;
  }

  /** Records the part of an audio frame that falls inside [startTs, endTs); returns samples per channel written. */
  private static long recordAudioWithin(FFmpegFrameRecorder recorder, Frame frame, long startTs, long endTs)
      throws FrameRecorder.Exception {
    int count = sampleCount(frame);
    double microsPerSample = 1e6 / frame.sampleRate;
    long from = Math.max(0, (long) Math.ceil((startTs - frame.timestamp) / microsPerSample - 1e-6));
    long to = Math.min(count, (long) Math.ceil((endTs - frame.timestamp) / microsPerSample - 1e-6));
    if (to <= from) {
      return 0;
    }
    if (!(frame.samples[0] instanceof ShortBuffer) || frame.samples.length != 1) {
      throw new IllegalStateException("Expected interleaved 16-bit audio from the grabber's default sample mode");
    }
    ShortBuffer all = (ShortBuffer) frame.samples[0];
    int channels = frame.audioChannels;
    ShortBuffer part = ShortBuffer.allocate((int) (to - from) * channels);
    for (long i = from * channels; i < to * channels; i++) {
      part.put(all.get((int) i));
    }
    part.flip();
    recorder.recordSamples(frame.sampleRate, channels, part);
    return to - from;
  }

  /** Refuses an empty list and ranges that are not ascending, non-overlapping and inside the tape. */
  static void checkRanges(TapeInfo info, List<long[]> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("Cannot write clip: no frame ranges given (tape=" + info.tape() + ")");
    }
    long previousLast = -1;
    for (long[] range : ranges) {
      if (range[0] <= previousLast || range[0] < 0 || range[1] < range[0] || range[1] >= info.frameCount()) {
        throw new IllegalArgumentException("Cannot write clip: frames " + range[0] + ".." + range[1]
            + " are not an ascending, non-overlapping range of " + info.tape() + " (frames 0.."
            + (info.frameCount() - 1) + ")");
      }
      previousLast = range[1];
    }
  }
}
