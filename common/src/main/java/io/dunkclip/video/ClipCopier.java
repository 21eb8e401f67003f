package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_get_side_data;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_new_side_data;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Writes ranges of a tape into a new MP4 by copying its compressed packets (no decoding, no encoding): fast, and the
 * picture and sound are bit-identical to the tape's, but <strong>not frame-accurate</strong>. A copy can only begin
 * on a keyframe, so each range starts at the keyframe at or before its first frame; it ends on the range's last
 * frame, or later when the tape reorders frames (B-frames) and a frame after it must be kept for one inside it to
 * decode. {@link Copied} says which frames the file actually holds.
 *
 * <p>The video stream keeps its display matrix, so a phone's portrait tape stays upright. The audio packets of the
 * copied span are kept, from the first keyframe's time to the end of the last copied frame, shifted with the video
 * so the two stay in sync (to within one audio packet, ~23 ms at 44.1 kHz AAC, at each end).
 */
public final class ClipCopier {
  private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);
  /**
   * Once the video of a range is copied, how far past its end the demuxer may read looking for the audio that goes
   * with it. Muxers interleave streams within about a second; past this, the tape simply has no more audio there.
   */
  private static final long AUDIO_WAIT_MICROS = 5_000_000;

  private ClipCopier() {}

  /**
   * What was copied.
   *
   * @param firstFrames the first tape frame of each range as copied (its keyframe), in order
   * @param lastFrames the last tape frame of each range as copied
   * @param frames video frames written
   * @param audioSamples audio samples per channel written (the copied packets' durations; 0 without audio)
   * @param seconds the video's duration
   */
  public record Copied(long[] firstFrames, long[] lastFrames, long frames, long audioSamples, double seconds) {
    public long firstFrame() {
      return firstFrames[0];
    }

    public long lastFrame() {
      return lastFrames[lastFrames.length - 1];
    }
  }

  /**
   * Copies {@code ranges} (closed frame ranges, ascending, not overlapping) of {@code tape} one after another into
   * {@code output}. A range whose keyframe falls inside the previous range's copy is copied from that keyframe again:
   * a reel may then show a few frames twice.
   */
  public static Copied copy(Path tape, TapeInfo info, List<long[]> ranges, Path output) {
    ClipWriter.checkRanges(info, ranges);
    Tapes.quietFfmpeg();
    AVFormatContext in = new AVFormatContext(null);
    AVFormatContext out = new AVFormatContext(null);
    AVPacket packet = av_packet_alloc();
    boolean inputOpen = false;
    try {
      check(avformat_open_input(in, tape.toString(), null, null), info, "cannot open the tape");
      inputOpen = true;
      check(avformat_find_stream_info(in, (AVDictionary) null), info, "cannot read its streams");
      int video = TapeProbe.videoStreamIndex(in, info.tape());
      int audio = -1;
      for (int i = 0; i < in.nb_streams(); i++) {
        if (audio < 0 && in.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
          audio = i;
        }
      }
      check(avformat_alloc_output_context2(out, null, "mp4", output.toString()), info, "cannot create " + output);
      AVStream videoOut = addStream(out, in.streams(video), info);
      copyRotation(in.streams(video), videoOut, info);
      AVStream audioOut = audio >= 0 ? addStream(out, in.streams(audio), info) : null;
      if ((out.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), info, "cannot write " + output);
        out.pb(pb);
      }
      check(avformat_write_header(out, (AVDictionary) null), info, "cannot start " + output);

      AVRational videoBase = in.streams(video).time_base();
      long[] firsts = new long[ranges.size()];
      long[] lasts = new long[ranges.size()];
      long frames = 0;
      long audioSamples = 0;
      long offsetMicros = 0; // where the current range starts in the output
      for (int r = 0; r < ranges.size(); r++) {
        long keyframe = info.keyframeAtOrBefore(ranges.get(r)[0]);
        long last = ranges.get(r)[1];
        long startMicros = info.frameTimestampsMicros()[(int) keyframe];
        // Half a frame past the keyframe, backwards: lands on that keyframe whatever the rounding of time bases.
        long seekMicros = startMicros + info.frameDurationMicros(keyframe) / 2;
        check(av_seek_frame(in, video, av_rescale_q(seekMicros, MICROS, videoBase), AVSEEK_FLAG_BACKWARD), info,
            "cannot seek to frame " + keyframe);
        long needed = last - keyframe + 1;
        long covered = 0;
        long maxFrame = -1;
        long endMicros = Long.MAX_VALUE; // end of the copied video, known once every needed frame is in
        boolean audioDone = audio < 0;
        while (covered < needed || !audioDone) {
          int read = av_read_frame(in, packet);
          if (read < 0) {
            break; // end of file: copy what there is (a truncated tape ends early, as the frames say)
          }
          try {
            int stream = packet.stream_index();
            if (stream == video && covered == needed
                && micros(packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts(), videoBase)
                > endMicros + AUDIO_WAIT_MICROS) {
              break; // the tape's audio ends before its video: no more audio of this span will come
            }
            if (stream == video && covered < needed) {
              long micros = micros(packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts(), videoBase);
              long index = info.indexOf(micros);
              if (index < keyframe) {
                continue; // a leading frame of an open GOP: it needs the GOP before, which is not copied
              }
              if (index <= last) {
                covered++;
              }
              maxFrame = Math.max(maxFrame, index);
              write(out, packet, in.streams(video).time_base(), videoOut, startMicros - offsetMicros, info);
              frames++;
              if (covered == needed) {
                endMicros = info.frameTimestampsMicros()[(int) maxFrame] + info.frameDurationMicros(maxFrame);
              }
            } else if (stream == audio && !audioDone) {
              AVRational audioBase = in.streams(audio).time_base();
              long micros = micros(packet.pts(), audioBase);
              if (micros >= endMicros) {
                audioDone = true;
              } else if (micros >= startMicros) {
                long duration = packet.duration();
                write(out, packet, audioBase, audioOut, startMicros - offsetMicros, info);
                int sampleRate = in.streams(audio).codecpar().sample_rate();
                if (sampleRate > 0 && duration > 0) {
                  audioSamples += av_rescale_q(duration, audioBase, new AVRational().num(1).den(sampleRate));
                }
              }
            }
          } finally {
            av_packet_unref(packet);
          }
        }
        if (maxFrame < 0) {
          throw new TapeException(info.tape(), "no video packets after frame " + keyframe + " (the tape is truncated)");
        }
        firsts[r] = keyframe;
        lasts[r] = maxFrame;
        offsetMicros += info.frameTimestampsMicros()[(int) maxFrame] + info.frameDurationMicros(maxFrame)
            - startMicros;
      }
      check(av_write_trailer(out), info, "cannot finish " + output);
      return new Copied(firsts, lasts, frames, audioSamples, offsetMicros / 1e6);
    } finally {
      av_packet_free(packet);
      if (!out.isNull()) {
        if (out.pb() != null && !out.pb().isNull()) {
          avio_closep(out.pb());
        }
        avformat_free_context(out);
      }
      if (inputOpen) {
        avformat_close_input(in);
      }
    }
  }

  private static AVStream addStream(AVFormatContext out, AVStream source, TapeInfo info) {
    AVStream stream = avformat_new_stream(out, null);
    if (stream == null) {
      throw new TapeException(info.tape(), "cannot add a stream to the copy");
    }
    check(avcodec_parameters_copy(stream.codecpar(), source.codecpar()), info, "cannot copy stream parameters");
    stream.codecpar().codec_tag(0); // let the mp4 muxer pick the tag for the codec
    stream.time_base(source.time_base());
    return stream;
  }

  /**
   * The display matrix is stream side data, which copying the codec parameters does not carry; without it a
   * portrait tape's copy plays sideways. A tape with only the legacy {@code rotate} tag gets the matrix it means.
   */
  private static void copyRotation(AVStream source, AVStream target, TapeInfo info) {
    try (SizeTPointer size = new SizeTPointer(1)) {
      BytePointer matrix = av_stream_get_side_data(source, AV_PKT_DATA_DISPLAYMATRIX, size);
      if (matrix != null && !matrix.isNull() && size.get() >= 9 * 4) {
        BytePointer copy = av_stream_new_side_data(target, AV_PKT_DATA_DISPLAYMATRIX, size.get());
        Pointer.memcpy(copy, matrix, size.get());
        return;
      }
    }
    if (info.rotationDegrees() != 0) {
      BytePointer copy = av_stream_new_side_data(target, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4);
      // av_display_rotation_set takes counter-clockwise degrees; TapeInfo holds the clockwise turn to upright.
      av_display_rotation_set(new IntPointer(copy), -info.rotationDegrees());
    }
  }

  /** Shifts a packet by {@code shiftMicros} (so the copy starts at 0), into the output's time base, and writes it. */
  private static void write(AVFormatContext out, AVPacket packet, AVRational sourceBase, AVStream target,
      long shiftMicros, TapeInfo info) {
    long shift = av_rescale_q(shiftMicros, MICROS, sourceBase);
    if (packet.pts() != AV_NOPTS_VALUE) {
      packet.pts(packet.pts() - shift);
    }
    if (packet.dts() != AV_NOPTS_VALUE) {
      packet.dts(packet.dts() - shift);
    }
    av_packet_rescale_ts(packet, sourceBase, target.time_base());
    packet.stream_index(target.index());
    packet.pos(-1);
    check(av_interleaved_write_frame(out, packet), info, "cannot write a packet of the copy");
  }

  /** The same arithmetic as TapeProbe and FFmpegFrameGrabber, so a packet maps to its frame index exactly. */
  private static long micros(long pts, AVRational base) {
    return 1000000L * pts * base.num() / base.den();
  }

  private static void check(int status, TapeInfo info, String what) {
    if (status < 0) {
      byte[] text = new byte[256];
      av_make_error_string(text, text.length, status);
      String reason = new String(text, java.nio.charset.StandardCharsets.UTF_8).trim().replace("\0", "");
      throw new TapeException(info.tape(), "stream copy failed: " + what + " (" + reason + ")");
    }
  }
}
